//! Identity keys: lower case, diacritics removed, so "Kalın" = "Kalin" and "Türkiye" = "Turkiye".
//!
//! The one folding used everywhere: the extractor makes entity keys with it and the graph
//! layer compares names with it (`kg explain`), so the two always agree.

use unicode_normalization::UnicodeNormalization;

/// Fold a word or phrase to its identity key: lower case, no diacritics, typographic
/// apostrophes and dashes made plain.
pub fn fold(text: &str) -> String {
    // Most tokens are ASCII: nothing to decompose, only case and the backtick to change.
    if text.is_ascii() {
        let mut out = text.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            // Letters that do not decompose into a base letter plus a mark.
            'ı' | 'İ' => out.push('i'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            '’' | '‘' | '`' => out.push('\''),
            '–' | '—' | '‐' | '‑' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Kalın"), "kalin");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold("Zoë Ørsted"), "zoe orsted");
        assert_eq!(fold("Türkiye’s"), "turkiye's");
    }
}
