//! `kg serve`: the store as a read-only SPARQL 1.1 Protocol endpoint.

use anyhow::{anyhow, Result};
use tiny_http::Server;

use super::Completion;
use crate::cli::ServeArgs;
use crate::report::Reporter;
use crate::serve::respond;
use crate::store::open_for_reading;

/// Requests answered at the same time; queries over a news archive are short.
const WORKERS: usize = 4;

/// Opens the store read-only and answers HTTP requests until the process is stopped.
pub fn run(args: &ServeArgs, reporter: &Reporter) -> Result<Completion> {
    let store = open_for_reading(&args.store.store)?;
    let server = Server::http(&args.bind).map_err(|err| {
        anyhow!(
            "cannot listen on {}: {err}; pick another address with --bind, e.g. 127.0.0.1:7879",
            args.bind
        )
    })?;
    // The address actually bound, so port 0 shows the port the system chose.
    let address = server
        .server_addr()
        .to_ip()
        .map_or_else(|| args.bind.clone(), |address| address.to_string());
    reporter.info(format_args!(
        "kg serve: SPARQL endpoint at http://{address}/query, query page at http://{address}/ \
         (store {}, read-only; restart to see later builds); Ctrl-C stops it",
        args.store.store.display()
    ));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let request = match server.recv() {
                    Ok(request) => request,
                    Err(err) => {
                        reporter.error(&anyhow!(err).context("cannot accept a connection"));
                        continue;
                    }
                };
                let line = format!("{} {}", request.method(), request.url());
                match respond(&store, request) {
                    Ok(status) => reporter.detail(format_args!("{line} {status}")),
                    Err(err) => reporter.detail(format_args!("{line}: the client left ({err})")),
                }
            });
        }
    });
    Ok(Completion::Success)
}
