//! Tokens and sentences with byte spans.
//!
//! The tokenizer is deliberately simple and total: every byte of the text is either inside
//! exactly one token or is white space. Words are runs of letters, digits and marks; a
//! possessive `'s` / `’s` is split off as its own token so that "Türkiye’s" reads as
//! `Türkiye` + `’s`; hyphens split compounds ("Russia-Ukraine") so each part can be a name.

use kg_model::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits mixed in), e.g. `Kalın`, `U.S.`, `COVID19`.
    Word,
    /// Digits only (with inner `.`/`,` for numbers like `1,200`).
    Number,
    /// A possessive clitic: `'s`, `’s`, or a bare `'`/`’` after a plural.
    Possessive,
    /// Anything else: punctuation, symbols, quotes.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub span: Span,
    /// Its kind.
    pub kind: TokenKind,
    /// Whether a newline lies between this token and the previous one.
    pub newline_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text).unwrap_or("")
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Combining marks (so "Kalın" written with a combining accent stays one word).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Split `text` into tokens. Never panics; every token span lies on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    let mut newline = false;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let (j, kind) = if is_word_char(c) {
            scan_word(&chars, i)
        } else if is_apostrophe(c) && starts_possessive(&chars, i, &tokens, text) {
            let j = if chars.get(i + 1).is_some_and(|&(_, n)| n == 's' || n == 'S') {
                i + 2
            } else {
                i + 1
            };
            (j, TokenKind::Possessive)
        } else {
            (i + 1, TokenKind::Punct)
        };
        tokens.push(Token {
            span: Span::new(start, end_of(j)),
            kind,
            newline_before: newline,
        });
        newline = false;
        i = j;
    }
    tokens
}

/// A `'`/`’` right after a word is a possessive when followed by `s` + non-letter
/// ("Türkiye’s"), or by a non-letter after a plural ending in s ("the ministers' talks").
fn starts_possessive(chars: &[(usize, char)], i: usize, tokens: &[Token], text: &str) -> bool {
    let Some(prev) = tokens.last() else {
        return false;
    };
    if prev.kind != TokenKind::Word || prev.span.end != chars[i].0 {
        return false;
    }
    let next = chars.get(i + 1).map(|&(_, c)| c);
    let after = chars.get(i + 2).map(|&(_, c)| c);
    match next {
        Some('s' | 'S') => !after.is_some_and(is_word_char),
        Some(n) if is_word_char(n) => false,
        _ => prev.text(text).ends_with(['s', 'S']),
    }
}

/// Scan a word or number starting at `i`; returns the index after it and its kind.
fn scan_word(chars: &[(usize, char)], i: usize) -> (usize, TokenKind) {
    let mut j = i;
    let mut all_digits = true;
    while j < chars.len() {
        let c = chars[j].1;
        if is_word_char(c) {
            all_digits &= c.is_ascii_digit();
            j += 1;
            continue;
        }
        let next = chars.get(j + 1).map(|&(_, n)| n);
        // Inner punctuation that stays inside a token: "1,200", "3.5", "U.S.", "O'Brien".
        let inner = match c {
            '.' | ',' if all_digits => next.is_some_and(|n| n.is_ascii_digit()),
            '.' => is_initialism(chars, i, j),
            '\'' | '’' => {
                // A letter follows, but not a possessive "'s" nor the "'t" of "didn't".
                let possessive_s = matches!(next, Some('s' | 'S'))
                    && !chars.get(j + 2).is_some_and(|&(_, n)| is_word_char(n));
                let negation =
                    matches!(next, Some('t' | 'T')) && j > i && matches!(chars[j - 1].1, 'n' | 'N');
                next.is_some_and(char::is_alphabetic) && !possessive_s && !negation
            }
            _ => false,
        };
        if !inner {
            break;
        }
        j += 1;
    }
    // An initialism keeps its final period: "U.S." (the period after the last letter).
    if j < chars.len() && chars[j].1 == '.' && j > i && is_initialism(chars, i, j) {
        j += 1;
    }
    (
        j,
        if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
    )
}

/// Whether the period at `dot` continues an initialism like "U.S." or "U.N.": single letters
/// separated by periods.
fn is_initialism(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let single_letter_before = dot >= 1
        && chars[dot - 1].1.is_uppercase()
        && (dot - 1 == start || chars[dot - 2].1 == '.');
    // "U.S." and also "U.S" written without its last period ("the U.S government").
    let letter_after = chars.get(dot + 1).is_some_and(|&(_, c)| c.is_uppercase())
        && chars
            .get(dot + 2)
            .is_none_or(|&(_, c)| c == '.' || !is_word_char(c));
    let already_dotted = dot >= start + 2 && chars[start + 1].1 == '.';
    single_letter_before && (letter_after || already_dotted)
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "capt", "lt", "sgt", "adm",
    "maj", "rev", "sen", "rep", "gov", "pres", "hon", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "approx",
];

/// Group tokens into sentences: half-open token index ranges. A sentence ends after `.`, `!`
/// or `?` (plus closing quotes or brackets) when the next token could start a sentence, and
/// at every line break.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].newline_before {
            out.push(start..i);
            start = i;
        }
        let t = tokens[i].text(text);
        if matches!(t, "." | "!" | "?" | "…") && !is_abbreviation_period(text, tokens, i) {
            let mut end = i + 1;
            while end < tokens.len()
                && !tokens[end].newline_before
                && matches!(tokens[end].text(text), "\"" | "”" | "’" | "'" | ")" | "]")
            {
                end += 1;
            }
            let next_starts = tokens.get(end).is_none_or(|n| {
                n.newline_before
                    || n.text(text)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || matches!(n.text(text), "\"" | "“" | "‘" | "'" | "(" | "[")
            });
            if next_starts {
                out.push(start..end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

fn is_abbreviation_period(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 || tokens[i].text(text) != "." {
        return false;
    }
    let prev = tokens[i - 1];
    if prev.span.end != tokens[i].span.start || prev.kind != TokenKind::Word {
        return false;
    }
    let word = prev.text(text);
    let lower = word.to_lowercase();
    // A single capital letter is an initial ("John F. Kennedy").
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_possessives_and_hyphens() {
        assert_eq!(words("Türkiye’s chief"), ["Türkiye", "’s", "chief"]);
        assert_eq!(
            words("the Russia-Ukraine war"),
            ["the", "Russia", "-", "Ukraine", "war"]
        );
        assert_eq!(
            words("the ministers' talks"),
            ["the", "ministers", "'", "talks"]
        );
        assert_eq!(words("O'Brien didn't"), ["O'Brien", "didn", "'", "t"]);
    }

    #[test]
    fn keeps_initialisms_and_numbers() {
        assert_eq!(
            words("the U.S. and 1,200.5 people."),
            ["the", "U.S.", "and", "1,200.5", "people", "."]
        );
    }

    #[test]
    fn sentence_boundaries_respect_abbreviations() {
        let text = "Mr. Smith met Dr. Jones. They talked.\nNext line";
        let toks = tokenize(text);
        let s = sentences(text, &toks);
        assert_eq!(s.len(), 3);
        assert_eq!(toks[s[0].end - 1].text(text), ".");
        assert_eq!(toks[s[1].start].text(text), "They");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "’",
            "'s",
            "..",
            "\u{0301}",
            "a\u{0301}b’",
            "U.",
            "1,",
            "é’s",
        ] {
            let toks = tokenize(text);
            for t in &toks {
                assert!(text.get(t.span.start..t.span.end).is_some());
            }
            let _ = sentences(text, &toks);
        }
    }
}
