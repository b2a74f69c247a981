//! Named-entity recognition: runs of capitalised words, typed by gazetteers (countries, cities,
//! regions), organisation head words ("Council", "Ministry"), titles and given names, and
//! context ("secretary Rustem Umerov", "Smith said"); then within-document identity: surname-only
//! mentions join the full name, acronyms join the name they abbreviate.

use crate::analysis::Analysis;
use crate::typer::Typer;
use kg_model::{EntityId, EntityKind, MergeRule, PlaceType};
use std::ops::Range;

/// Lower-case words that may join capitalised words inside one name.
const CONNECTORS: &[&str] = &[
    "of", "and", "for", "the", "&", "de", "del", "la", "van", "von", "der", "al", "bin", "da",
    "dos", "on",
];

/// The Arabic article in its spellings, joined to the next part of a name by a hyphen
/// ("al-Amr", "ash-Shaykh").
const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "ar", "as", "ash", "at", "an"];

/// The longest run of tokens that is split into several names at "and the" or "of", or whose
/// shorter forms are looked for (`merge_short_names`).
const MAX_SPLIT_TOKENS: usize = 16;

/// Words that never begin a name: a capitalised one at the start of a sentence is just the
/// sentence's first word.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "during",
    "after",
    "before",
    "in",
    "on",
    "at",
    "as",
    "when",
    "while",
    "with",
    "for",
    "from",
    "by",
    "both",
    "another",
    "they",
    "he",
    "she",
    "it",
    "we",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "if",
    "although",
    "since",
    "then",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "no",
    "not",
    "what",
    "which",
    "who",
    "how",
    "why",
    "where",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "your",
    "under",
    "over",
    "despite",
    "following",
    "according",
    "meanwhile",
    "however",
    "also",
    "still",
    "yet",
    "last",
    "next",
    "to",
    "of",
    "about",
    "once",
    "until",
    "unlike",
    "like",
    "without",
    "within",
    "among",
    "amid",
    "through",
    "because",
    "whether",
    "even",
    "only",
];

/// Last words of names of facilities and geographic features.
const PLACE_HEADS: &[&str] = &[
    "square",
    "street",
    "avenue",
    "road",
    "boulevard",
    "lane",
    "park",
    "bridge",
    "river",
    "lake",
    "mountain",
    "mountains",
    "island",
    "islands",
    "airport",
    "station",
    "valley",
    "bay",
    "beach",
    "canyon",
    "crater",
    "desert",
    "forest",
    "harbour",
    "harbor",
    "peninsula",
    "plaza",
    "district",
    "county",
    "province",
    "region",
    "village",
    "town",
    "city",
    "tower",
    "palace",
    "castle",
    "cathedral",
    "stadium",
    "arena",
    "hall",
    "coast",
    "gulf",
    "sea",
    "ocean",
    "strait",
    "canal",
    "falls",
    "heights",
    "hill",
    "hills",
    "highway",
    "square",
    "mosque",
    "temple",
    "border",
    "airbase",
    "base",
    "prison",
    "camp",
    "neighborhood",
    "neighbourhood",
    "quarter",
    "borough",
    "state",
    "territory",
    "crossing",
    "shelf",
    "glacier",
    "range",
    "reef",
    "volcano",
    "creek",
    "cape",
    "gardens",
    "memorial",
    "monument",
    "cemetery",
    "zoo",
    "mall",
    "dam",
    "reservoir",
    "lagoon",
    "delta",
    "plateau",
    "plains",
    "marsh",
    "fjord",
    "archipelago",
    "atoll",
    "trail",
    "parkway",
    "isle",
    "isles",
    "estuary",
    "basin",
    "oasis",
    "cove",
    "inlet",
    "ridge",
    "peak",
    "pier",
    "wharf",
    "embankment",
    "promenade",
    "springs",
    "expressway",
    "freeway",
    "motorway",
    "turnpike",
    "terrace",
    "tunnel",
    "lighthouse",
    "fountain",
    "boardwalk",
    "esplanade",
    "grove",
];

/// Place heads that are also common surnames ("Hill", "Hall", "Park").
const SURNAME_PLACE_HEADS: &[&str] = &[
    "hill", "hall", "park", "lane", "bay", "temple", "castle", "tower", "street", "field", "wood",
    "marsh", "ridge", "peak", "pier", "grove",
];

/// First words of event names ("Hurricane Katrina", "Operation Desert Storm").
const EVENT_FIRSTS: &[&str] = &[
    "hurricane",
    "cyclone",
    "typhoon",
    "storm",
    "tropical",
    "operation",
];

/// Prepositions before a place ("in Washington", "from Houston").
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "near",
    "across",
    "into",
    "outside",
    "inside",
    "around",
    "via",
    "toward",
    "towards",
    "through",
    "throughout",
    "of",
    "for",
    "between",
    "and",
    "or",
];

/// Top-level web domains that end a company's or outlet's name ("Booking.com").
const WEB_DOMAINS: &[&str] = &[
    "com", "org", "net", "us", "co", "io", "uk", "info", "gov", "edu", "ca", "de", "fr", "in",
    "au", "tv", "ai",
];

/// Acronyms of things, not of organisations or places: "TV", "GDP", "DNA".
const ORDINARY_ACRONYMS: &[&str] = &[
    "ai", "aids", "atm", "cd", "covid", "dna", "dvd", "gdp", "gps", "hiv", "html", "ict", "id",
    "iq", "lgbt", "lgbtq", "pc", "pdf", "rna", "suv", "tv", "ufo", "url", "usb", "uv", "vip",
];

/// Compass points that, capitalised after "the", name a region ("the West", "the Midwest").
const COMPASS_REGIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "midwest",
];

/// Last words of event names, which are not people, organisations or places.
const EVENT_HEADS: &[&str] = &[
    "war",
    "olympics",
    "paralympics",
    "carnival",
    "jubilee",
    "tournament",
    "games",
    "championship",
    "championships",
    "cup",
    "contest",
    "festival",
    "awards",
    "award",
    "prize",
    "agreement",
    "treaty",
    "accord",
    "act",
    "revolution",
    "crisis",
    "election",
    "elections",
    "conference",
    "summit",
    "expo",
    "series",
    "tour",
    "day",
    "week",
    "protests",
    "uprising",
    "massacre",
    "pandemic",
    "prix",
    "marathon",
    "bowl",
    "open",
];

/// Verbs of saying that mark the name before them as a person.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "stated",
    "explained",
    "argued",
    "noted",
    "insisted",
];

/// A name candidate that could not be typed on its own (one unknown word): typed later when it
/// matches the surname of a person named in full elsewhere in the document.
struct Pending {
    tokens: Range<usize>,
    person_hint: bool,
    /// An all-capitals word: an organisation when it abbreviates one named in the document.
    acronym: bool,
    /// The name typer's class scores when nothing else decides (Person, Organization, Place,
    /// none); the scores of every occurrence of the word in the document are added up.
    scores: Option<[f32; 4]>,
}

impl Pending {
    /// A single word with evidence that it names a person.
    fn person(tokens: Range<usize>) -> Self {
        Self {
            tokens,
            person_hint: true,
            acronym: false,
            scores: None,
        }
    }
}

/// A typed name before entities are assigned.
enum Typed {
    Place {
        canonical: String,
        place_type: PlaceType,
        alias: bool,
    },
    Organization,
    Person {
        confident: bool,
    },
    /// Left to the name typer, with its class scores; decided per document (see
    /// `assign_entities`).
    Guess([f32; 4]),
}

impl Typed {
    /// A name of `kind` with no more known about it (a place of no particular type, labelled
    /// as written); `confident` for a person whose reading should win over guesses elsewhere.
    fn of_kind(kind: EntityKind, confident: bool) -> Self {
        match kind {
            EntityKind::Person => Typed::Person { confident },
            EntityKind::Organization => Typed::Organization,
            _ => Typed::Place {
                canonical: String::new(),
                place_type: PlaceType::Other,
                alias: false,
            },
        }
    }
}

/// Find named mentions and give them entities.
pub fn recognize(a: &mut Analysis<'_>) {
    let headline_lines = headline_tokens(a);
    let mut typed: Vec<(Range<usize>, Typed)> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    for s in 0..a.sentences.len() {
        let sentence = a.sentences[s].clone();
        let mut i = sentence.start;
        while i < sentence.end {
            if !is_name_token(a, i, &headline_lines) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < sentence.end
                    && is_name_token(a, j, &headline_lines)
                    && !a.tokens[j].newline_before
                {
                    j += 1;
                } else if j + 1 < sentence.end
                    && (CONNECTORS.contains(&a.word(j)) || a.raw(j) == "-")
                    && is_name_token(a, j + 1, &headline_lines)
                    && !a.is_capitalized(j)
                {
                    // A hyphen joins capitalised words whether or not it is spaced ("Council on
                    // American - Islamic Relations"); names it joins by chance ("Russia -
                    // Ukraine") are split again when typed.
                    j += 2;
                } else if j + 1 < sentence.end && hyphenated_given_name(a, i, j) {
                    // "Kim Jong-un", "Tsai Ing-wen", "Hau Lung-bin": an East Asian given name
                    // whose second syllable is written after a hyphen in lower case.
                    j += 2;
                } else if j + 2 < sentence.end
                    && ARABIC_ARTICLES.contains(&a.raw(j))
                    && a.raw(j + 1) == "-"
                    && touching(a, j + 1)
                    && is_name_token(a, j + 2, &headline_lines)
                {
                    // "Suleiman al-Amr": the Arabic article joins the name with a hyphen.
                    j += 3;
                } else if j + 1 < sentence.end
                    && a.raw(j) == "."
                    && (matches!(a.raw(j - 1), "St" | "Mt" | "Ft")
                        || (a.raw(j - 1).chars().count() == 1
                            && a.tokens[j - 1].span.end == a.tokens[j].span.start))
                    && is_name_token(a, j + 1, &headline_lines)
                {
                    // "St. Louis", "Mt. Everest", "John F. Kennedy": the full stop of an
                    // abbreviation or initial is inside the name.
                    j += 2;
                } else if j + 2 < sentence.end
                    && matches!(a.word(j), "of" | "for" | "and")
                    && a.word(j + 1) == "the"
                    && is_name_token(a, j + 2, &headline_lines)
                {
                    j += 3;
                } else {
                    break;
                }
            }
            // "the Republican party": a party's name written with a small "party".
            if j < sentence.end && a.raw(j) == "party" && is_party_adjective(a.word(j - 1)) {
                j += 1;
            }
            // "Metro.us", "Booking.com": a name with its web domain is a company or outlet;
            // "McDonald's": a well-known organisation whose name ends in a possessive.
            let domain = j + 1 < sentence.end
                && a.raw(j) == "."
                && touching(a, j)
                && WEB_DOMAINS.contains(&a.raw(j + 1));
            if domain {
                // The domain name is the run's last word; the words before it are read as usual.
                if j - 1 > i {
                    classify(a, i..j - 1, sentence.start, &mut typed, &mut pending);
                }
                typed.push((j - 1..j + 2, Typed::Organization));
                i = j + 2;
                continue;
            }
            if j < sentence.end && a.is_possessive(j) && organization_of(a, i..j + 1) {
                typed.push((i..j + 1, Typed::Organization));
                i = j + 1;
                continue;
            }
            classify(a, i..j, sentence.start, &mut typed, &mut pending);
            i = j;
        }
    }
    acronym_definitions(a, &mut typed, &mut pending);
    assign_entities(a, typed, pending);
}

/// A name defined by an acronym in brackets ("Florida Championship Wrestling (FCW)", "Kestrel
/// Dynamics (KD)"), or followed by "or" and one ("… Co., Ltd. or GWS"), is an organisation:
/// people are not abbreviated that way, and places defined so are in the gazetteer (those stay
/// places, as do people the rules are sure of). The name becomes one organisation whose initials
/// the acronym spells, so the acronym joins it (`merge_acronyms`).
fn acronym_definitions(
    a: &Analysis<'_>,
    typed: &mut Vec<(Range<usize>, Typed)>,
    pending: &mut Vec<Pending>,
) {
    let acronyms: Vec<usize> = pending
        .iter()
        .filter(|p| p.acronym)
        .map(|p| p.tokens.start)
        .collect();
    for t in acronyms {
        let before = if t >= 2 && a.raw(t - 1) == "(" && a.raw(t + 1) == ")" {
            t - 1
        } else if t >= 2 && a.word(t - 1) == "or" {
            if a.raw(t - 2) == "," {
                t - 2
            } else {
                t - 1
            }
        } else {
            continue;
        };
        let letters: Vec<char> = a.word(t).chars().filter(|c| *c != '.').collect();
        let Some(start) = expansion_start(a, before, &letters) else {
            continue;
        };
        let run = start..before;
        let settled = typed.iter().any(|(r, kind)| {
            r.start <= run.start
                && r.end >= run.end
                && match kind {
                    Typed::Organization | Typed::Person { confident: true } => true,
                    Typed::Person { .. } => {
                        let first = a.word(run.start);
                        a.lexicon.is_first_name(first) && a.lexicon.place(first).is_none()
                    }
                    Typed::Place { canonical, .. } => !canonical.is_empty(),
                    Typed::Guess(_) => false,
                }
        });
        if settled {
            continue;
        }
        // "Radio Frequency Interference (RFI)", "Open Educational Resources (OER)": a thing,
        // not a body, when it has no organisation word and the typer reads no name in it.
        if !run.clone().any(|k| is_org_head(a, k))
            && crate::typer::best(&Typer::builtin().class_scores(a, &run)).0 == crate::typer::NONE
        {
            pending.retain(|p| p.tokens.start != t);
            continue;
        }
        typed.retain(|(r, _)| !(r.start >= run.start && r.end <= run.end));
        pending.retain(|p| !(p.tokens.start >= run.start && p.tokens.end <= run.end));
        nested_places(a, run.clone(), typed);
        typed.push((run, Typed::Organization));
    }
}

/// Where the name that `letters` abbreviate begins, reading back from token `end` (exclusive):
/// its capitalised words' initials, connectors ("of", "and", "the") and hyphens skipped, must
/// spell the acronym exactly.
fn expansion_start(a: &Analysis<'_>, end: usize, letters: &[char]) -> Option<usize> {
    let mut k = end;
    let mut matched = letters.len();
    while matched > 0 {
        let i = k.checked_sub(1)?;
        let raw = a.raw(i);
        if raw == "-" || (CONNECTORS.contains(&a.word(i)) && !a.is_capitalized(i)) {
            k = i;
            continue;
        }
        if !a.is_capitalized(i) {
            return None;
        }
        let initial = a.word(i).chars().next()?;
        if initial != letters[matched - 1].to_lowercase().next()? {
            return None;
        }
        matched -= 1;
        k = i;
    }
    // The name must not run on to the left: "Florida Championship Wrestling (FCW)" and not
    // "Wrestling (W)" inside a longer name.
    let runs_on =
        k > 0 && a.is_capitalized(k - 1) && a.word(k - 1) != "the" && !a.tokens[k].newline_before;
    (!runs_on).then_some(k)
}

/// Words that name a political party before "party" ("Republican", "Labour", "Green").
fn is_party_adjective(word: &str) -> bool {
    ["an", "ic", "ist", "ive", "al"]
        .iter()
        .any(|ending| word.ends_with(ending))
        || matches!(
            word,
            "labour" | "labor" | "green" | "pirate" | "people's" | "workers'"
        )
}

/// Tokens on lines written in title case (headlines): there, a capitalised ordinary word is
/// not a name.
fn headline_tokens(a: &Analysis<'_>) -> Vec<bool> {
    let mut flags = vec![false; a.tokens.len()];
    let mut start = 0;
    for i in 0..=a.tokens.len() {
        if i == a.tokens.len() || (i > start && a.tokens[i].newline_before) {
            let words: Vec<usize> = (start..i)
                .filter(|&k| {
                    a.raw(k).chars().count() > 3 && a.raw(k).chars().all(char::is_alphabetic)
                })
                .collect();
            let capitalized = words.iter().filter(|&&k| a.is_capitalized(k)).count();
            // Headlines do not end with a full stop; a sentence full of names does.
            // (An empty text has no last token.)
            let ends_sentence = i
                .checked_sub(1)
                .is_some_and(|last| matches!(a.raw(last), "." | "!" | "?" | "\"" | "”"));
            if words.len() >= 3 && capitalized * 10 >= words.len() * 7 && !ends_sentence {
                flags[start..i].fill(true);
            }
            start = i;
        }
    }
    flags
}

/// Whether the hyphen at token `k` of a name separates two names: it is spaced ("Russia -
/// Ukraine"), or a known place stands on one side of it ("Russia-Ukraine", "Paris-based").
/// A hyphen inside a given name or a surname ("Jean-Paul", "Morgan-Short") does not.
fn splits_at_hyphen(a: &Analysis<'_>, range: &Range<usize>, k: usize) -> bool {
    if k == range.start || k + 1 >= range.end || !touching(a, k) {
        return true;
    }
    // (Places are at most `max_place_tokens` long: look no further, so that a run of many
    // hyphens costs time in proportion to its length.)
    let longest = a.lexicon.max_place_tokens;
    let place_before = (range.start.max(k.saturating_sub(longest))..k)
        .rev()
        .any(|s| place_of(a, s..k).is_some());
    let place_after =
        (k + 2..=range.end.min(k + 1 + longest)).any(|e| place_of(a, k + 1..e).is_some());
    place_before || place_after
}

/// Whether the hyphen at token `j` joins a lower-case syllable to the name `i..j` as part of a
/// romanised given name ("Kim Jong-un", "Moon Jae-in", "Ma Ying-jeou"): the name has a family
/// name and one syllable before the hyphen, the syllable is short, and what follows is no
/// English word ("Saudi Arabia-led", "Hamas-run" stay apart).
fn hyphenated_given_name(a: &Analysis<'_>, i: usize, j: usize) -> bool {
    let syllable = a.word(j + 1);
    a.raw(j) == "-"
        && j >= i + 2
        && touching(a, j)
        && a.raw(j - 1).chars().count() <= 5
        && a.tokens[j + 1].kind == crate::segment::TokenKind::Word
        && !a.is_capitalized(j + 1)
        && (1..=5).contains(&syllable.chars().count())
        && syllable.chars().all(|c| c.is_ascii_lowercase())
        && (matches!(
            syllable,
            "in" | "un" | "an" | "on" | "bin" | "man" | "sun" | "young" | "hee" | "woo" | "min"
        ) || !a.lexicon.is_common_word(syllable))
        && !a.is_capitalized(j + 2)
}

/// Where a person's name begins right after a known place at the front of `run` (a given name
/// that is no place or ordinary word, then another capitalised word that is no organisation
/// word; or two words that are neither): "Houston Mary Lee" is two names; "Santa Clara
/// University", "Boston Red Sox" and "Jordan Peterson" are one.
fn place_then_person(a: &Analysis<'_>, run: &Range<usize>) -> Option<usize> {
    if run.len() < 3 || known_of(a, run.clone()).is_some() {
        return None;
    }
    let (e, _) = place_prefix(a, run.start, run.end)?;
    let w = a.word(e);
    let plain = |k: usize| {
        a.is_capitalized(k)
            && a.lexicon.place(a.word(k)).is_none()
            && !a.lexicon.is_common_word(a.word(k))
            && !is_org_head(a, k)
            && !CONNECTORS.contains(&a.word(k))
            && !is_acronym(a.raw(k))
    };
    let given = a.lexicon.is_first_name(w) && plain(e);
    // Two more words that are no place, ordinary word or organisation word: a name too
    // ("Arlington Amneh Jafari").
    let two_names = e + 2 == run.end && plain(e) && plain(e + 1);
    (e + 2 <= run.end && (given || two_names) && !is_org_head(a, e + 1)).then_some(e)
}

fn touching(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens[j - 1].span.end == a.tokens[j].span.start
        && a.tokens[j].span.end == a.tokens[j + 1].span.start
}

/// A capitalised word that can be part of a name.
fn is_name_token(a: &Analysis<'_>, i: usize, headline: &[bool]) -> bool {
    if !a.is_capitalized(i) && !is_camel_name(a.raw(i)) {
        return false;
    }
    let w = a.word(i);
    // Day and month names are dates, unless a month doubles as a given name before a surname
    // ("April Ryan").
    let month = crate::dates::month_number(w).is_some()
        && w.len() > 2
        && !(a.lexicon.is_first_name(w) && a.is_capitalized(i + 1));
    if crate::dates::weekday_number(w).is_some() || month || w == "i" || w.starts_with("i'") {
        return false;
    }
    // The verb of a contraction ("Don't", "Won't", "Can't"), split at its apostrophe.
    if matches!(a.raw(i + 1), "'" | "’")
        && a.raw(i + 2).eq_ignore_ascii_case("t")
        && touching(a, i + 1)
    {
        return false;
    }
    if headline[i] && a.lexicon.is_common_word(w) && a.lexicon.place(w).is_none() {
        return false;
    }
    true
}

/// An ordinary word, or the plural of one ("Advertisers", "Companies"), for words that start
/// a sentence.
fn is_ordinary(a: &Analysis<'_>, word: &str) -> bool {
    let lexicon = a.lexicon;
    lexicon.is_common_word(word)
        || word
            .strip_suffix("ies")
            .is_some_and(|stem| lexicon.is_common_word(&format!("{stem}y")))
        || word
            .strip_suffix("es")
            .is_some_and(|stem| lexicon.is_common_word(stem))
        || word
            .strip_suffix('s')
            .is_some_and(|stem| !stem.ends_with('s') && lexicon.is_common_word(stem))
}

/// A word with a small first letter and a capital inside ("eBay", "wikiHow", "iTunes"): a
/// brand or company name.
fn is_camel_name(raw: &str) -> bool {
    let mut chars = raw.chars();
    chars.next().is_some_and(char::is_lowercase)
        && raw.chars().count() >= 4
        && raw.chars().all(char::is_alphanumeric)
        && chars.any(char::is_uppercase)
}

/// "the West", "the Northeast": a region named by its compass point, capitalised after "the".
fn compass_region(a: &Analysis<'_>, range: &Range<usize>) -> Option<Typed> {
    (range.len() == 1
        && range.start > 0
        && a.word(range.start - 1) == "the"
        && COMPASS_REGIONS.contains(&a.word(range.start)))
    .then(|| Typed::Place {
        canonical: a.text_of(range.clone()).to_string(),
        place_type: PlaceType::Other,
        alias: false,
    })
}

/// Whether token `i` starts a sentence (or a quotation or parenthesis).
fn sentence_initial(a: &Analysis<'_>, i: usize, sentence_start: usize) -> bool {
    i == sentence_start || matches!(a.raw(i - 1), "\"" | "“" | "‘" | "(" | ":" | "—" | "–" | "'")
}

/// The known place spelled by tokens `range`.
fn place_of(a: &Analysis<'_>, range: Range<usize>) -> Option<Typed> {
    if range.is_empty() || range.len() > a.lexicon.max_place_tokens {
        return None;
    }
    let entry = a.lexicon.place(&a.key_of(range))?;
    Some(Typed::Place {
        canonical: entry.canonical.clone(),
        place_type: entry.place_type,
        alias: entry.is_alias,
    })
}

/// A name seen with one type in the training corpus ("NASA", "Google").
fn known_of(a: &Analysis<'_>, range: Range<usize>) -> Option<Typed> {
    if range.is_empty() || range.len() > a.lexicon.max_known_tokens || crate::typer::recording() {
        return None;
    }
    let first = a.word(range.start);
    // "Soviet", "European", "Latin American": adjectives, which some corpora tag as places; no
    // names here either.
    if is_adjective_phrase(a, &range) {
        return None;
    }
    let titled =
        range.len() > 1 && (a.lexicon.role(first).is_some() || a.lexicon.is_honorific(first));
    let key = a.key_of(range);
    // A title the corpus tagged as a name where it stood for one ("President") is no name here.
    if a.lexicon.role(&key).is_some() {
        return None;
    }
    let kind = a.lexicon.known_kind(&key)?;
    // A person the corpus tagged with a title ("Attorney Robert Sarvis") is found without it.
    if titled && kind == EntityKind::Person {
        return None;
    }
    Some(Typed::of_kind(kind, true))
}

/// Whether tokens `range` spell a well-known organisation ("NATO", "Reuters").
fn organization_of(a: &Analysis<'_>, range: Range<usize>) -> bool {
    !range.is_empty()
        && range.len() <= a.lexicon.max_known_tokens
        && a.lexicon
            .is_organization(&a.key_of(range.clone()), a.text_of(range))
}

/// If tokens from `start` spell a role ("Foreign Minister", "Deputy Prime Minister"), the end of it.
///
/// The longest role wins: zero or more modifiers ("deputy", "foreign"), each a role word on its
/// own, then a head phrase ("prime minister"). This runs at every token of every sentence, so
/// it rejects cheaply: a token that begins no role phrase ends the search at once, and head
/// phrases are looked up in one reused buffer, never longer than the longest role phrase.
pub fn role_end(a: &Analysis<'_>, start: usize, limit: usize) -> Option<(usize, String)> {
    let lexicon = a.lexicon;
    if !lexicon.starts_role(a.word(start)) {
        return None;
    }
    let last = limit.min(start + lexicon.max_role_tokens + 3);
    // Modifiers are the role words in a row from `start`: a head may begin after any of them.
    let modifiers = (start..last)
        .take_while(|&k| lexicon.role(a.word(k)).is_some())
        .count();
    let mut key = String::new();
    for end in (start + 1..=last).rev() {
        let first_split = end.saturating_sub(lexicon.max_role_tokens).max(start);
        for split in first_split..end.min(start + modifiers + 1) {
            if !lexicon.starts_role(a.word(split)) {
                continue;
            }
            key.clear();
            for k in split..end {
                if k > split {
                    key.push(' ');
                }
                key.push_str(a.word(k));
            }
            // "major" and "general" are ranks only with a capital: "a psychology major", "in
            // general" are not titles.
            let lower_rank = end - split == 1
                && matches!(key.as_str(), "major" | "general")
                && !a.is_capitalized(split)
                && !(split > 0
                    && matches!(
                        a.word(split - 1),
                        "army" | "marine" | "marines" | "military" | "force" | "corps"
                    ));
            if let Some(head) = lexicon.role(&key).filter(|r| r.is_head && !lower_rank) {
                let mut label: Vec<&str> = (start..split)
                    .map(|k| lexicon.role(a.word(k)).map_or("", |r| r.canonical.as_str()))
                    .collect();
                label.push(&head.canonical);
                return Some((end, label.join(" ")));
            }
        }
    }
    None
}

/// One or two initials with their periods: "J.", "O.J.".
fn is_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| *c != '.').count();
    (1..=2).contains(&letters)
        && word.ends_with('.')
        && word.chars().all(|c| c == '.' || c.is_uppercase())
}

/// Whether token `k` is a head word of organisation names ("Council", "Ministry").
fn is_org_head(a: &Analysis<'_>, k: usize) -> bool {
    a.lexicon.is_org_word(a.word(k)) && !CONNECTORS.contains(&a.word(k))
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        // Roman numerals ("II", "XIV") number kings and wars; they are not acronyms.
        && !letters.iter().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn classify(
    a: &Analysis<'_>,
    run: Range<usize>,
    sentence_start: usize,
    typed: &mut Vec<(Range<usize>, Typed)>,
    pending: &mut Vec<Pending>,
) {
    // A storm's name ("Florence" after "Hurricane Florence") is no person or place.
    if is_storm(a, &run) {
        return;
    }
    // A known place as a whole, "The Hague" included; but a lone sentence-initial ordinary
    // word is only a place when it names a country ("Reading the report" is not about Reading).
    let lone_ordinary = run.len() == 1
        && sentence_initial(a, run.start, sentence_start)
        && is_ordinary(a, a.word(run.start))
        && !is_acronym(a.raw(run.start));
    if let Some(place) = place_of(a, run.clone()).filter(|p| {
        !lone_ordinary
            || matches!(
                p,
                Typed::Place {
                    place_type: PlaceType::Country,
                    ..
                }
            )
    }) {
        typed.push((run, place));
        return;
    }
    if lone_ordinary && place_of(a, run.clone()).is_some() {
        return;
    }
    // A well-known organisation spelled like a word is one when it speaks or owns at the start
    // of a sentence too ("Apple said", "Apple's shares").
    let speaks = SAYING.contains(&a.word(run.end))
        || matches!(a.word(run.end), "announced" | "reported")
        || a.is_possessive(run.end);
    if (!lone_ordinary || speaks) && organization_of(a, run.clone()) {
        nested_places(a, run.clone(), typed);
        typed.push((run, Typed::Organization));
        return;
    }
    if let Some(known) = known_of(a, run.clone()).filter(|_| !lone_ordinary) {
        let organization = matches!(known, Typed::Organization);
        typed.push((run.clone(), known));
        if organization {
            nested_places(a, run, typed);
        }
        return;
    }
    let mut start = run.start;
    let end = run.end;
    // Inside an organisation name ordinary words are part of the name ("Health Ministry"), so
    // only function words are dropped from its start.
    let has_org_word = (start..end).any(|k| is_org_head(a, k));
    while start < end
        && ((sentence_initial(a, start, sentence_start)
            && (if has_org_word {
                FUNCTION_WORDS.contains(&a.word(start))
            } else {
                is_ordinary(a, a.word(start))
            })
            && !a.lexicon.is_first_name(a.word(start))
            && a.lexicon.place(a.word(start)).is_none())
            || FUNCTION_WORDS.contains(&a.word(start))
            || (start > run.start && CONNECTORS.contains(&a.word(start))))
    {
        start += 1;
    }
    // "Officials of the Bank of England": a sentence-initial ordinary word and its "of" are
    // not part of the name that follows.
    if start + 2 < end
        && sentence_initial(a, start, sentence_start)
        && a.lexicon.is_common_word(a.word(start))
        && !a.lexicon.is_org_word(a.word(start))
        && a.word(start + 1) == "of"
    {
        start += if a.word(start + 2) == "the" { 3 } else { 2 };
    }
    if start >= end {
        return;
    }
    if let Some(region) = compass_region(a, &(start..end)) {
        typed.push((start..end, region));
        return;
    }
    if let Some(place) = place_of(a, start..end) {
        typed.push((start..end, place));
        return;
    }
    if start > run.start && organization_of(a, start..end) {
        nested_places(a, start..end, typed);
        typed.push((start..end, Typed::Organization));
        return;
    }
    // "the film The Quiet Harbour": the title of a work, whatever its words.
    if names_a_work(a, start) {
        nested_names(a, start..end, typed);
        return;
    }
    // A capital "The" inside a sentence belongs to the name that follows, and such names are
    // newspapers, bands and other organisations ("reported by The Independent").
    let the_name = start == run.start + 1
        && a.raw(run.start) == "The"
        && !sentence_initial(a, run.start, sentence_start)
        && !a.tokens[run.start].newline_before
        && known_of(a, start..end).is_none()
        && !(start..end).any(|k| {
            a.lexicon.is_org_word(a.word(k))
                || PLACE_HEADS.contains(&a.word(k))
                || a.lexicon.role(a.word(k)).is_some()
        });
    if the_name {
        typed.push((start..end, Typed::Organization));
        return;
    }
    // A facility or geographic feature: "Naqsh-e Jahan Square", "Lake Victoria", "Heathrow Airport".
    // ("Christopher Hill" and "Michael Bay" are people: a given name and a head that is also a
    // common surname.)
    let surname_head = (2..=3).contains(&(end - start))
        && a.lexicon.is_first_name(a.word(start))
        && SURNAME_PLACE_HEADS.contains(&a.word(end - 1));
    // "the White House and Downing Street": two places, split below.
    let known_first = (start + 1..end.saturating_sub(1))
        .any(|k| a.word(k) == "and" && place_of(a, start..k).is_some());
    if end - start >= 2
        && !surname_head
        && !known_first
        && (PLACE_HEADS.contains(&a.word(end - 1))
            || matches!(a.word(start), "lake" | "mount" | "port" | "cape" | "fort"))
    {
        let canonical = a.text_of(start..end).to_string();
        typed.push((
            start..end,
            Typed::Place {
                canonical,
                place_type: PlaceType::Other,
                alias: false,
            },
        ));
        nested_places(a, start..end, typed);
        return;
    }
    // "the Bank of England and the University of Oslo": two organisations, each with its own
    // head word.
    // (Only in runs as short as names are: splitting a run of thousands of tokens piece by
    // piece would take time that grows with the square of its length.)
    let splittable = end - start <= MAX_SPLIT_TOKENS;
    if let Some(and) = (start + 1..end.saturating_sub(2))
        .find(|&k| a.word(k) == "and" && a.word(k + 1) == "the")
        .filter(|_| splittable)
    {
        if (start..and).any(|k| is_org_head(a, k)) && (and + 2..end).any(|k| is_org_head(a, k)) {
            classify(a, start..and, sentence_start, typed, pending);
            classify(a, and + 2..end, sentence_start, typed, pending);
            return;
        }
    }
    // "the Irving Police Department and Stephenville High School": a name of three words or
    // more that ends with its head word right before "and", and another with its own (but
    // "Ukraine's National Security and Defense Council" is one name).
    if let Some(and) = (start + 3..end.saturating_sub(2))
        .find(|&k| a.word(k) == "and" && is_org_head(a, k - 1))
        .filter(|_| splittable)
    {
        if (and + 1..end).any(|k| is_org_head(a, k) || PLACE_HEADS.contains(&a.word(k))) {
            classify(a, start..and, sentence_start, typed, pending);
            classify(a, and + 1..end, sentence_start, typed, pending);
            return;
        }
    }
    // "Amnesty International and Human Rights Watch", "the BBC and the Associated Press": two
    // names joined by "and" when the first is a known organisation or place on its own, and
    // the second starts with "the", is known too, or has no organisation word that the "and"
    // could lead up to ("Ukraine's National Security and Defense Council" is one name).
    let known_whole = |r: Range<usize>| {
        organization_of(a, r.clone())
            || place_of(a, r.clone()).is_some()
            || matches!(
                known_of(a, r),
                Some(Typed::Organization | Typed::Place { .. })
            )
    };
    if let Some((and, right)) = (start + 1..end.saturating_sub(1))
        .filter(|_| splittable)
        .filter(|&k| a.word(k) == "and")
        .map(|k| (k, if a.word(k + 1) == "the" { k + 2 } else { k + 1 }))
        .find(|&(k, r)| {
            r < end
                && known_whole(start..k)
                && (r == k + 2 || known_whole(r..end) || !(r..end).any(|i| is_org_head(a, i)))
        })
    {
        classify(a, start..and, sentence_start, typed, pending);
        classify(a, right..end, sentence_start, typed, pending);
        return;
    }
    // "the Board and CEO of the Harbour Centre": a name, then a title of the next one.
    if let Some(and) = (start + 1..end.saturating_sub(2))
        .filter(|_| splittable)
        .find(|&k| {
            a.word(k) == "and"
                && role_end(a, k + 1, end)
                    .is_some_and(|(r, _)| r < end && matches!(a.word(r), "of" | "for"))
        })
    {
        classify(a, start..and, sentence_start, typed, pending);
        classify(a, and + 1..end, sentence_start, typed, pending);
        return;
    }
    // "Tom Hale of the Irish Defence Forces": a person of an organisation, two names.
    if let Some(of) = (start + 1..end)
        .find(|&k| a.word(k) == "of")
        .filter(|_| splittable)
    {
        let after = if a.word(of + 1) == "the" {
            of + 2
        } else {
            of + 1
        };
        // "Director-General of the World Health Organization": a title and the organisation
        // it belongs to (the title names a person; see `roles::offices_as_people`).
        let title_of = role_end(a, start, of).is_some_and(|(r, _)| r == of)
            && ((after..end).any(|k| is_org_head(a, k)) || known_whole(after..end));
        let person_before = !(start..of).any(|k| is_org_head(a, k))
            && (a.lexicon.is_first_name(a.word(start))
                || (a.lexicon.is_honorific(a.word(start)) && of - start >= 2)
                || role_end(a, start, of).is_some_and(|(r, _)| r < of));
        if title_of && after < end {
            classify(a, after..end, sentence_start, typed, pending);
            return;
        }
        if person_before && of + 1 < end {
            classify(a, start..of, sentence_start, typed, pending);
            if after < end {
                classify(a, after..end, sentence_start, typed, pending);
            }
            return;
        }
    }
    // An organisation: the name runs up to its last head word ("Council"), or through an
    // "of …" complement ("Ministry of Defence") until a title starts.
    // A title whose words include an organisation head word ("Secretary of State Rex
    // Tillerson") is a title, not an organisation.
    let title_end = role_end(a, start, end)
        .map(|(r, _)| r)
        .filter(|&r| (start..r).any(|k| is_org_head(a, k)));
    let head_from = title_end.unwrap_or(start);
    if let Some(head) = (head_from..end).rev().find(|&k| is_org_head(a, k)) {
        let mut org_end = head + 1;
        if org_end < end && matches!(a.word(org_end), "of" | "for" | "on") {
            let mut k = org_end + 1;
            // A place ends the complement ("University of Texas" in "University of Texas
            // student Amneh Jafari"), unless a connector carries the name on.
            let place_end = (k + 1..=end.min(k + a.lexicon.max_place_tokens))
                .rev()
                .find(|&e| place_of(a, k..e).is_some())
                .filter(|&e| e == end || !CONNECTORS.contains(&a.word(e)));
            if let Some(e) = place_end {
                k = e;
            }
            // A given name followed by another capitalised word starts a person's name
            // ("the Council on American-Islamic Relations Alia Salem").
            let person_starts = |k: usize| {
                k > org_end + 1
                    && k + 1 < end
                    && a.lexicon.is_first_name(a.word(k))
                    && a.lexicon.place(a.word(k)).is_none()
                    && !a.lexicon.is_common_word(a.word(k))
                    && !is_org_head(a, k + 1)
                    && !CONNECTORS.contains(&a.word(k + 1))
            };
            while k < end
                && place_end.is_none()
                && role_end(a, k, end).is_none()
                && !person_starts(k)
            {
                k += 1;
            }
            while k > org_end + 1 && CONNECTORS.contains(&a.word(k - 1)) {
                k -= 1;
            }
            if k > org_end + 1 {
                org_end = k;
            }
        }
        // A head word alone is not a name ("Government officials"), unless "the" makes it
        // one: "the Senate", "the Court", "the Group" written with a capital stand for a
        // particular body.
        if org_end - start >= 2 {
            typed.push((start..org_end, Typed::Organization));
            nested_places(a, start..org_end, typed);
        } else if start > 0
            && a.word(start - 1) == "the"
            && !a.tokens[start].newline_before
            && !ORDINARY_ACRONYMS.contains(&a.word(start))
        {
            typed.push((start..org_end, Typed::Organization));
        }
        if org_end < end {
            classify(a, org_end..end, sentence_start, typed, pending);
        }
        return;
    }
    let (name_start, titled) = strip_titles(a, start, end, typed);
    if name_start >= end {
        return;
    }
    classify_name(a, name_start..end, titled, typed, pending);
}

/// Places named inside an organisation's name ("University of California", "Ankara University",
/// "the Brooklyn Paper") are mentions of those places too.
fn nested_places(a: &Analysis<'_>, org: Range<usize>, typed: &mut Vec<(Range<usize>, Typed)>) {
    let before = typed.len();
    nested_known(a, org.clone(), typed, false);
    // "the Irving Police Department", "Stephenville High School": a local institution is
    // named after its town, listed or not.
    if typed[before..].iter().all(|(r, _)| r.start > org.start + 1) {
        if let Some(town) = local_institution_town(a, &org) {
            let canonical = a.text_of(town.clone()).to_string();
            typed.push((
                town,
                Typed::Place {
                    canonical,
                    place_type: PlaceType::City,
                    alias: false,
                },
            ));
        }
    }
}

/// Words after a town's name that make a local institution of it.
const LOCAL_INSTITUTIONS: &[&[&str]] = &[
    &["police"],
    &["fire", "department"],
    &["sheriff"],
    &["sheriff's"],
    &["county", "sheriff"],
    &["high", "school"],
    &["middle", "school"],
    &["elementary", "school"],
    &["school", "district"],
    &["independent", "school", "district"],
    &["unified", "school", "district"],
    &["public", "schools"],
    &["city", "council"],
    &["town", "council"],
    &["public", "library"],
    &["chamber", "of", "commerce"],
    &["international", "airport"],
    &["regional", "airport"],
];

/// The town (one or two capitalised words, not a given name and a surname: "John Glenn High
/// School") at the front of a local institution's name.
fn local_institution_town(a: &Analysis<'_>, org: &Range<usize>) -> Option<Range<usize>> {
    let start = if a.word(org.start) == "the" {
        org.start + 1
    } else {
        org.start
    };
    (start + 1..(start + 3).min(org.end)).find_map(|k| {
        let head = LOCAL_INSTITUTIONS.iter().any(|words| {
            k + words.len() <= org.end && words.iter().enumerate().all(|(j, w)| a.word(k + j) == *w)
        });
        let town = (start..k).all(|t| {
            a.is_capitalized(t)
                && !a.lexicon.is_org_word(a.word(t))
                && !a.lexicon.is_common_word(a.word(t))
        }) && !(k - start == 2 && a.lexicon.is_first_name(a.word(start)));
        (head && town).then_some(start..k)
    })
}

/// Known places and organisations named inside a longer name that is none of theirs (an event,
/// or a run the typer reads as no name): "NATO" and "Istanbul" in "the NATO Istanbul Summit",
/// "Malaysia" in "the Malaysia Tourism board".
fn nested_names(a: &Analysis<'_>, run: Range<usize>, typed: &mut Vec<(Range<usize>, Typed)>) {
    nested_known(a, run, typed, true);
}

/// The known places (and, with `organisations`, known organisations) inside `run`, shorter than
/// it: the longest known name wins at each word, and the search goes on after it.
fn nested_known(
    a: &Analysis<'_>,
    run: Range<usize>,
    typed: &mut Vec<(Range<usize>, Typed)>,
    organisations: bool,
) {
    let longest = if organisations {
        a.lexicon.max_place_tokens.max(a.lexicon.max_known_tokens)
    } else {
        a.lexicon.max_place_tokens
    };
    let mut k = run.start;
    while k < run.end {
        let found = (k + 1..=run.end.min(k + longest))
            .rev()
            .filter(|&e| e - k < run.len())
            .find_map(|e| {
                if let Some(place) = place_of(a, k..e) {
                    return Some((e, place));
                }
                let organization = organisations
                    && (organization_of(a, k..e)
                        || matches!(known_of(a, k..e), Some(Typed::Organization)));
                organization.then_some((e, Typed::Organization))
            });
        match found {
            Some((e, t)) => {
                typed.push((k..e, t));
                k = e;
            }
            None => k += 1,
        }
    }
}

/// Skip honorifics, titles and demonyms before a name; says whether any were there.
fn strip_titles(
    a: &Analysis<'_>,
    mut start: usize,
    end: usize,
    typed: &mut Vec<(Range<usize>, Typed)>,
) -> (usize, bool) {
    let mut titled = false;
    loop {
        if start >= end {
            return (start, titled);
        }
        let w = a.word(start);
        if let Some((role_stop, _)) = role_end(a, start, end) {
            // The longest title first ("Secretary of State", not the honorific "Secretary").
            // A title alone ("the State Department Spokesperson", "Virginia's Attorney
            // General") is no name here; `roles::offices_as_people` makes it a mention of its
            // holder.
            start = role_stop;
            if a.raw(start) == "." && a.tokens[start - 1].span.end == a.tokens[start].span.start {
                start += 1;
            }
            titled = true;
        } else if a.lexicon.is_honorific(w) {
            start += 1;
            if a.raw(start) == "." {
                start += 1;
            }
            titled = true;
        } else if a.lexicon.demonym(w).is_some() && start + 1 < end && !is_group_noun(a, start) {
            start += 1;
        } else if start + 2 < end && a.lexicon.demonym(&a.key_of(start..start + 2)).is_some() {
            // "South Korean President Yoon Suk Yeol": a two-word demonym.
            start += 2;
        } else if let Some(org_end) = organization_before_title(a, start, end) {
            // "NASA Administrator Charles Bolden": the organisation is a name of its own.
            typed.push((start..org_end, Typed::Organization));
            start = org_end;
        } else if let Some((place_end, place)) = place_before_title(a, start, end) {
            // "US President Barack Obama": the place is a name of its own; after "Virginia
            // Governor" no name is left.
            typed.push((start..place_end, place));
            start = place_end;
        } else if let Some((place_end, place)) =
            place_prefix(a, start, end).filter(|_| completes_title(a, start))
        {
            // "Ambassador to the United States Hamdullah Mohib": the place that completes a
            // title is a name of its own, and the person's name follows it.
            typed.push((start..place_end, place));
            start = place_end;
            titled = true;
        } else {
            return (start, titled);
        }
    }
}

/// A well-known organisation directly followed by a title and a name ("NASA Administrator …",
/// "Reuters reporter …"): where the organisation ends.
fn organization_before_title(a: &Analysis<'_>, start: usize, end: usize) -> Option<usize> {
    (start + 1..end.min(start + a.lexicon.max_known_tokens + 1))
        .rev()
        .find(|&e| {
            (organization_of(a, start..e)
                || matches!(known_of(a, start..e), Some(Typed::Organization)))
                && role_end(a, e, end).is_some_and(|(r, _)| r < end)
        })
}

/// Whether token `start` follows a title and "to" ("Ambassador to the …", "envoy to …").
fn completes_title(a: &Analysis<'_>, start: usize) -> bool {
    let mut k = start;
    if k > 0 && a.word(k - 1) == "the" {
        k -= 1;
    }
    k >= 2 && a.word(k - 1) == "to" && a.lexicon.role(a.word(k - 2)).is_some()
}

/// The longest known place at the front of tokens `start..end` that leaves words after it.
fn place_prefix(a: &Analysis<'_>, start: usize, end: usize) -> Option<(usize, Typed)> {
    (start + 1..end.min(start + a.lexicon.max_place_tokens + 1))
        .rev()
        .find_map(|e| place_of(a, start..e).map(|place| (e, place)))
}

/// A place name directly followed by a title ("US President …", "Kenya Defence Minister …",
/// "Pennsylvania Senator …").
fn place_before_title(a: &Analysis<'_>, start: usize, end: usize) -> Option<(usize, Typed)> {
    (start + 1..end.min(start + a.lexicon.max_place_tokens + 1))
        .rev()
        .find_map(|e| {
            let place = place_of(a, start..e)?;
            role_end(a, e, end).is_some().then_some((e, place))
        })
}

fn classify_name(
    a: &Analysis<'_>,
    range: Range<usize>,
    titled: bool,
    typed: &mut Vec<(Range<usize>, Typed)>,
    pending: &mut Vec<Pending>,
) {
    if is_storm(a, &range) {
        return;
    }
    // "at Arlington Amneh Jafari", "of Houston Mary Lee": a known place, then a person's name.
    if let Some(split) = place_then_person(a, &range) {
        classify_name(a, range.start..split, false, typed, pending);
        classify_name(a, split..range.end, titled, typed, pending);
        return;
    }
    if range.len() == 1 && is_group_noun(a, range.start) {
        // "Americans", "the Palestinians", "Democrats": people named by their nation, faith or
        // party (a name of people, as annotated corpora count it; not a single person's name).
        pending.push(Pending::person(range));
        return;
    }
    if let Some(region) = compass_region(a, &range) {
        typed.push((range, region));
        return;
    }
    if let Some(place) = place_of(a, range.clone()) {
        typed.push((range, place));
        return;
    }
    if !titled && organization_of(a, range.clone()) {
        // A place in a well-known organisation's name is named there too: "Boston" in "the
        // Boston Red Sox", "Texas" in "the University of Texas".
        nested_places(a, range.clone(), typed);
        typed.push((range, Typed::Organization));
        return;
    }
    if let Some(known) =
        known_of(a, range.clone()).filter(|k| !titled || matches!(k, Typed::Person { .. }))
    {
        if matches!(known, Typed::Organization) {
            nested_places(a, range.clone(), typed);
        }
        typed.push((range, known));
        return;
    }
    // Names joined by "and" or "of" (without an organisation word), or by a hyphen that forms
    // no known name, are separate names: "Rui Almeida of Portugal", "Russia-Ukraine".
    if let Some(k) = range.clone().find(|&k| {
        matches!(a.word(k), "and" | "&" | "of" | "for" | "the" | "on")
            || (a.raw(k) == "-"
                && !(k > 0 && ARABIC_ARTICLES.contains(&a.raw(k - 1)))
                && splits_at_hyphen(a, &range, k))
    }) {
        if k > range.start {
            classify_name(a, range.start..k, titled, typed, pending);
        }
        if k + 1 < range.end {
            classify_name(a, k + 1..range.end, false, typed, pending);
        }
        return;
    }
    let (first, last) = (range.start, range.end - 1);
    let numbered = range.len() >= 2
        && a.word(last)
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x'));
    if EVENT_HEADS.contains(&a.word(last))
        || (numbered && EVENT_HEADS.contains(&a.word(last - 1)))
        || (range.len() >= 2 && EVENT_FIRSTS.contains(&a.word(first)))
    {
        // "World War II", "Winter Olympics", "Eurovision Song Contest": events, not people;
        // a place or organisation in the name is one ("Vietnam" in "the Vietnam War", "NATO"
        // and "Istanbul" in "the NATO Istanbul Summit").
        nested_names(a, range, typed);
        return;
    }
    if range.len() == 1 && a.word(first).chars().count() == 1 {
        // A lone letter is an initial or a label ("Plan B"), not a name.
        return;
    }
    if is_adjective_phrase(a, &range) {
        // "German", "European", "Soviet", "Latin American": adjectives, not names of their own.
        return;
    }
    if range.len() == 1 && is_acronym(a.raw(first)) {
        if a.lexicon.role(a.word(first)).is_none()
            && !a.lexicon.is_common_word(a.word(first))
            && !ORDINARY_ACRONYMS.contains(&a.word(first))
        {
            let scores = Typer::builtin().class_scores(a, &range);
            pending.push(Pending {
                tokens: range,
                person_hint: false,
                acronym: true,
                scores: Some(scores),
            });
        }
        return;
    }
    if !titled && !a.lexicon.is_first_name(a.word(first)) && org_context(a, first, range.end) {
        typed.push((range, Typed::Organization));
        return;
    }
    let before = before_name_context(a, first);
    let after_saying = SAYING.contains(&a.word(range.end))
        || (a.raw(range.end) == "," && a.word(range.end + 1) == "who");
    let evidence = titled || before || after_saying || office_apposition_after(a, range.end);
    if evidence {
        if range.len() >= 2 {
            typed.push((range, Typed::Person { confident: true }));
        } else {
            pending.push(Pending::person(range));
        }
        return;
    }
    // Initials before a name: a person ("O.J. Simpson", "J. K. Rowling").
    let initial = is_initials(a.raw(first))
        || (a.raw(first).chars().count() == 1
            && a.raw(first + 1) == "."
            && a.is_capitalized(first));
    if range.len() >= 2 && initial && !is_acronym(a.raw(last)) {
        typed.push((range, Typed::Person { confident: false }));
        return;
    }
    // A given name and a word that is neither ordinary nor a place: a person ("Britney Spears"
    // in "a Britney Spears story", where the context alone would not say so).
    if range.len() >= 2
        && a.lexicon.is_first_name(a.word(first))
        && !a.lexicon.is_common_word(a.word(last))
        && a.lexicon.place(a.word(last)).is_none()
    {
        typed.push((range, Typed::Person { confident: false }));
        return;
    }
    // A well-known organisation at the front of a longer name is named there too ("Google"
    // in "Google Science Fair", "NASA" in "NASA Goddard").
    if let Some(e) = (first + 1..range.end)
        .rev()
        .find(|&e| organization_of(a, first..e))
    {
        typed.push((first..e, Typed::Organization));
    }
    // A title in quotation marks ("Dark Matters", "The Rains of Castamere") names a work, not
    // a person, organisation or place; a known name inside it still counts.
    if (range.len() >= 2 && quoted(a, &range)) || names_a_work(a, range.start) {
        nested_names(a, range, typed);
        return;
    }
    // Nothing decides: the name typer does. A picture is credited ("Image: Jambula.") to a
    // person or an organisation, so there the typer only says which.
    let mut scores = Typer::builtin().class_scores(a, &range);
    if is_credit(a, first) {
        scores[2] = f32::MIN;
        scores[crate::typer::NONE] = f32::MIN;
    }
    if range.len() >= 2 {
        typed.push((range, Typed::Guess(scores)));
        return;
    }
    pending.push(Pending {
        tokens: range,
        person_hint: false,
        acronym: false,
        scores: Some(scores),
    });
}

/// Whether the run (a storm word and a name, or the name alone, after any "the") names a
/// storm: "Hurricane Katrina", "Storm Ciara", and "Katrina" on its own after either.
fn is_storm(a: &Analysis<'_>, run: &Range<usize>) -> bool {
    let mut start = run.start;
    if a.word(start) == "the" {
        start += 1;
    }
    if run.end == start + 2 && crate::analysis::STORM_WORDS.contains(&a.word(start)) {
        start += 1;
    }
    run.end == start + 1 && a.is_storm_name(a.word(start))
}

/// Whether the run is an adjective of a nation, people or region: one word ("German",
/// "Soviet"), a two-word demonym ("South Korean"), or a region's adjective ("Latin American",
/// "Middle Eastern", "Southeast Asian").
fn is_adjective_phrase(a: &Analysis<'_>, range: &Range<usize>) -> bool {
    const REGION_FIRSTS: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "central",
        "latin",
        "middle",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ];
    match range.len() {
        1 => is_adjective(a, a.word(range.start)),
        2 => {
            a.lexicon.demonym(&a.key_of(range.clone())).is_some()
                || (REGION_FIRSTS.contains(&a.word(range.start))
                    && is_adjective(a, a.word(range.start + 1)))
        }
        _ => false,
    }
}

/// Whether the folded word is a demonym ("german") or another capitalised adjective of a
/// region, people or era ("soviet"): no name on its own.
fn is_adjective(a: &Analysis<'_>, word: &str) -> bool {
    a.lexicon.demonym(word).is_some() || ADJECTIVES.contains(&word)
}

/// Capitalised adjectives of regions, peoples and eras that name no country (those are
/// the country list's demonyms) and are no names on their own: "European integration", "Soviet
/// aggression", "Korean restaurants".
const ADJECTIVES: &[&str] = &[
    "european",
    "african",
    "asian",
    "korean",
    "soviet",
    "arab",
    "arabic",
    "kurdish",
    "roman",
    "latin",
    "nordic",
    "scandinavian",
    "balkan",
    "baltic",
    "caribbean",
    "mediterranean",
    "western",
    "eastern",
    "northern",
    "southern",
    "persian",
    "ottoman",
    "byzantine",
    "hispanic",
    "latino",
    "scottish",
    "welsh",
    "english",
    "catalan",
    "basque",
    "celtic",
    "victorian",
    "medieval",
    "grecian",
    "hellenic",
    "slavic",
    "germanic",
    "transatlantic",
];

/// Plural nouns for members of a faith, people or party that are not the plural of a nation's
/// adjective (those come from the country list: "Americans", "Kenyans").
const GROUP_NOUNS: &[&str] = &[
    "jews",
    "muslims",
    "christians",
    "catholics",
    "protestants",
    "hindus",
    "sikhs",
    "buddhists",
    "arabs",
    "kurds",
    "sunnis",
    "shiites",
    "shias",
    "europeans",
    "africans",
    "asians",
    "latinos",
    "hispanics",
    "democrats",
    "republicans",
    "libertarians",
    "tories",
    "socialists",
    "communists",
];

/// A plural word for people of a nation, faith or party ("Americans", "Jews", "Democrats").
fn is_group_noun(a: &Analysis<'_>, k: usize) -> bool {
    let word = a.word(k);
    GROUP_NOUNS.contains(&word)
        || word.strip_suffix('s').is_some_and(|singular| {
            !singular.ends_with('s') && a.lexicon.demonym(singular).is_some()
        })
}

/// The entity kind of a typer class.
fn class_kind(class: usize) -> Option<EntityKind> {
    match class {
        0 => Some(EntityKind::Person),
        1 => Some(EntityKind::Organization),
        2 => Some(EntityKind::Place),
        _ => None,
    }
}

/// Nouns that say the name next to them is an organisation ("the carmaker Kazeyama",
/// "Fjordkraft, a utility").
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "organisation",
    "organization",
    "charity",
    "party",
    "club",
    "agency",
    "startup",
    "broadcaster",
    "newspaper",
    "retailer",
    "carmaker",
    "automaker",
    "airline",
    "bank",
    "insurer",
    "manufacturer",
    "publisher",
    "network",
    "conglomerate",
    "operator",
    "utility",
    "supplier",
    "developer",
    "lender",
    "union",
    "team",
    "university",
    "school",
    "institute",
    "ngo",
    "nonprofit",
    "non-profit",
    "band",
    "label",
    "studio",
    "website",
    "magazine",
    "outlet",
    "channel",
    "brand",
    "chain",
    "carrier",
    "maker",
    "orchestra",
    "choir",
    "ensemble",
];

/// Whether a role phrase ends at token `k` ("executive" in "chief executive").
fn ends_role(a: &Analysis<'_>, k: usize) -> bool {
    (0..a.lexicon.max_role_tokens.min(k + 1)).any(|back| {
        a.lexicon
            .role(&a.key_of(k - back..k + 1))
            .is_some_and(|r| r.is_head)
    })
}

/// An apposition with an office after a name: "Selin Arslan, the chief executive of …",
/// "Arslan, Moldova's energy minister".
fn office_apposition_after(a: &Analysis<'_>, end: usize) -> bool {
    if a.raw(end) != "," {
        return false;
    }
    let mut k = end + 1;
    if matches!(a.word(k), "the" | "a" | "an") {
        k += 1;
    }
    // Skip a possessive owner: "Moldova's".
    if a.is_capitalized(k) && a.is_possessive(k + 1) {
        k += 2;
    }
    let limit = (k + a.lexicon.max_role_tokens + 3).min(a.tokens.len());
    role_end(a, k, limit).is_some()
}

/// Context that makes an unknown name an organisation: an office "of/at/for" it ("chief
/// executive of Fjordkraft Transmission"), an office of its own after a possessive
/// ("Acme's chairman"), or a noun of organisation beside it ("the carmaker Kazeyama",
/// "Fjordkraft, a utility").
fn org_context(a: &Analysis<'_>, first: usize, end: usize) -> bool {
    let is_head = |k: usize| ends_role(a, k);
    let office_before =
        first >= 2 && matches!(a.word(first - 1), "of" | "at" | "for") && is_head(first - 2)
            || first >= 3
                && matches!(a.word(first - 1), "the")
                && matches!(a.word(first - 2), "of" | "at" | "for")
                && is_head(first - 3);
    let office_after =
        a.is_possessive(end) && is_head(end + 1) && !a.lexicon.is_person_name(a.word(end - 1));
    let noun_before = first >= 1 && ORG_NOUNS.contains(&a.word(first - 1));
    // "Quantcast, a web analytics company": the noun may follow a few modifiers.
    let noun_after = a.raw(end) == ","
        && matches!(a.word(end + 1), "a" | "an" | "the")
        && (end + 2..end + 6)
            .take_while(|&k| {
                a.tokens
                    .get(k)
                    .is_some_and(|t| t.kind == crate::segment::TokenKind::Word)
            })
            .any(|k| ORG_NOUNS.contains(&a.word(k)));
    // "Quantcast spokesman", "Boeing employees", "Tesla shares": a body's people and property.
    let members_after = !a.is_possessive(end)
        && !a.is_capitalized(end)
        && ORG_MEMBERS.contains(&a.word(end))
        && a.lexicon.place(&a.key_of(first..end)).is_none();
    office_before || office_after || noun_before || noun_after || members_after
}

/// Nouns that, right after a name, make it an organisation's: its people and its property.
const ORG_MEMBERS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "employees",
    "employee",
    "staffers",
    "executives",
    "shareholders",
    "stockholders",
    "shares",
    "headquarters",
    "subsidiary",
    "subsidiaries",
];

/// A title or honorific just before a name, lower case or followed by a comma
/// ("secretary Rustem Umerov", "intelligence chief, Ibrahim Kalın", "Mr. Smith").
fn before_name_context(a: &Analysis<'_>, first: usize) -> bool {
    let mut k = first;
    if k > 0 && a.raw(k - 1) == "," {
        k -= 1;
    }
    if k > 0 && a.raw(k - 1) == "." {
        k -= 1;
    }
    if k == 0 {
        return false;
    }
    let w = a.word(k - 1);
    a.lexicon.is_honorific(w) || a.lexicon.role(w).is_some_and(|r| r.is_head)
}

/// Whether tokens `range` stand alone inside quotation marks (a leading "The" and a comma or
/// full stop before the closing mark allowed).
fn quoted(a: &Analysis<'_>, range: &Range<usize>) -> bool {
    let is_quote = |k: usize| matches!(a.raw(k), "\"" | "“" | "”" | "‘" | "’" | "'");
    let mut before = range.start;
    if before > 0 && a.word(before - 1) == "the" {
        before -= 1;
    }
    let mut after = range.end;
    if matches!(a.raw(after), "," | "." | "!" | "?") {
        after += 1;
    }
    before > 0 && is_quote(before - 1) && is_quote(after)
}

/// Whether the run at `start` is the title of a work or the name of a craft its kind names just
/// before: "the film The Lookout", "the TV series The Crown", "the rover Curiosity", "the
/// browser Firefox" (no person, organisation or place, though a known name inside it still
/// counts).
fn names_a_work(a: &Analysis<'_>, start: usize) -> bool {
    const WORKS: &[&str] = &[
        "album",
        "anthology",
        "biopic",
        "book",
        "browser",
        "comedy",
        "documentary",
        "drama",
        "episode",
        "film",
        "memoir",
        "miniseries",
        "movie",
        "musical",
        "novel",
        "novella",
        "opera",
        "painting",
        "poem",
        "rover",
        "satellite",
        "serial",
        "series",
        "ship",
        "shuttle",
        "sitcom",
        "song",
        "spacecraft",
        "submarine",
        "telescope",
        "thriller",
        "vessel",
        "yacht",
    ];
    let mut k = start;
    if k > 0 && a.word(k - 1) == "the" {
        k -= 1;
    }
    k > 0 && WORKS.contains(&a.word(k - 1)) && !a.is_capitalized(k - 1)
}

/// Whether token `first` follows a picture credit's label ("Image:", "Photo:").
fn is_credit(a: &Analysis<'_>, first: usize) -> bool {
    first >= 2
        && a.raw(first - 1) == ":"
        && matches!(
            a.word(first - 2),
            "image" | "images" | "photo" | "photos" | "photograph" | "picture" | "credit"
        )
}

/// Give every typed name an entity; then type the pending single words.
fn assign_entities(a: &mut Analysis<'_>, typed: Vec<(Range<usize>, Typed)>, pending: Vec<Pending>) {
    let mut singles: Vec<(Range<usize>, bool, Option<[f32; 4]>)> = Vec::new();
    let typed = decide_guesses(a, typed);
    // Surnames of the people named in full: a town or state of the same name standing alone
    // outside a phrase of place is the person ("George Washington … Washington rested").
    // (Not when the text also puts the word after a preposition of place: "in Mérida".)
    let located: std::collections::HashSet<&str> = (1..a.tokens.len())
        .filter(|&k| a.is_capitalized(k) && LOCATIVES.contains(&a.word(k - 1)))
        .map(|k| a.word(k))
        .collect();
    let surnames: std::collections::HashSet<String> = typed
        .iter()
        .filter(|(range, t)| range.len() >= 2 && matches!(t, Typed::Person { .. }))
        .map(|(range, _)| a.word(range.end - 1))
        .filter(|w| !located.contains(w))
        .map(str::to_string)
        .collect();
    for (range, t) in typed {
        match t {
            Typed::Guess(_) => {}
            Typed::Place { place_type, .. }
                if range.len() == 1
                    && place_type != PlaceType::Country
                    && surnames.contains(a.word(range.start))
                    && !(range.start > 0 && LOCATIVES.contains(&a.word(range.start - 1))) =>
            {
                singles.push((range, true, None));
            }
            Typed::Place {
                canonical,
                place_type,
                alias,
            } => {
                let canonical = if canonical.is_empty() {
                    a.text_of(range.clone()).to_string()
                } else {
                    canonical
                };
                let key = crate::fold::fold(&canonical);
                let id = a.entity(EntityKind::Place, &key, &canonical, Some(place_type));
                if alias {
                    let surface = a.text_of(range.clone());
                    a.add_alias(id, surface, MergeRule::CountryAlias);
                }
                a.add_mention(range, id);
            }
            Typed::Organization => {
                let label = a.text_of(range.clone());
                let key = a.key_of(range.clone());
                let id = a.entity(EntityKind::Organization, &key, label, None);
                a.add_mention(range, id);
            }
            Typed::Person { confident } => {
                if range.len() == 1 {
                    singles.push((range, confident, None));
                } else {
                    let label = a.text_of(range.clone());
                    let key = a.key_of(range.clone());
                    let id = a.entity(EntityKind::Person, &key, label, None);
                    a.add_mention(range, id);
                }
            }
        }
    }
    let initials = org_initials(a);
    let mut acronyms = Vec::new();
    for p in pending {
        if p.acronym {
            acronyms.push((p.tokens, p.scores));
        } else {
            singles.push((p.tokens, p.person_hint, p.scores));
        }
    }
    for (range, scores) in acronyms {
        let letters: String = a.word(range.start).chars().filter(|c| *c != '.').collect();
        if initials.iter().any(|(_, i)| *i == letters) {
            let label = a.text_of(range.clone());
            let key = a.key_of(range.clone());
            let id = a.entity(EntityKind::Organization, &key, label, None);
            a.add_mention(range, id);
        } else {
            // An acronym that abbreviates no name in the document: the typer decides, as for
            // any other single word ("FIFA" an organisation, "DNA" no name).
            singles.push((range, false, scores));
        }
    }
    // One word, one reading per document: a word that has person evidence anywhere ("Fillmore
    // said") is a person everywhere, and otherwise the typer's scores for all its occurrences
    // are added up, so one clear context types the unclear ones.
    let mut votes: std::collections::HashMap<String, (bool, [f32; 4])> =
        std::collections::HashMap::new();
    for (range, hint, scores) in &singles {
        let vote = votes.entry(a.word(range.start).to_string()).or_default();
        vote.0 |= *hint;
        if let Some(scores) = scores {
            for (total, s) in vote.1.iter_mut().zip(scores) {
                *total += s;
            }
        }
    }
    let mut unnamed = Vec::new();
    let surname_owners = SurnameOwners::new(a);
    for (range, _, scores) in singles {
        let word = a.word(range.start).to_string();
        let (hint, total) = votes[&word];
        let guess = scores.and_then(|_| class_kind(crate::typer::best(&total).0));
        let owner = surname_owners.get(&word);
        if let Surname::Of(person) = owner {
            let surface = a.text_of(range.clone());
            a.add_alias(person, surface, MergeRule::Surname);
            a.add_mention(range, person);
        } else if hint || owner == Surname::Shared || guess == Some(EntityKind::Person) {
            add_single(a, range, EntityKind::Person);
        } else if let Some(kind @ (EntityKind::Organization | EntityKind::Place)) = guess {
            add_single(a, range, kind);
        } else if scores.is_some() {
            unnamed.push(range);
        }
    }
    // A word the typer left unnamed in a list of names takes their kind: "Bing" in "Google,
    // Bing, and Yahoo", "Tatars" in "the Turks and Tatars".
    for range in unnamed {
        if let Some(kind) = listed_kind(a, &range) {
            add_single(a, range, kind);
        }
    }
    merge_acronyms(a);
    merge_short_names(a);
}

/// A mention of the one-word name at tokens `range`, of an entity of `kind` keyed by the word.
fn add_single(a: &mut Analysis<'_>, range: Range<usize>, kind: EntityKind) {
    let word = a.word(range.start).to_string();
    let label = a.text_of(range.clone()).to_string();
    let place_type = (kind == EntityKind::Place).then_some(PlaceType::Other);
    let id = a.entity(kind, &word, &label, place_type);
    a.add_mention(range, id);
}

/// The kind of the names listed next to tokens `range` ("X, Y and Z"): the names just before
/// and after it, of one kind, or the one joined to it by "and"/"or".
fn listed_kind(a: &Analysis<'_>, range: &Range<usize>) -> Option<EntityKind> {
    let kind_at = |k: usize| {
        let found = a.mention_at.get(k).copied().flatten()?;
        let entity = a.found[found].entity;
        Some(a.entities[entity.0].kind)
    };
    let joins = |k: usize| matches!(a.raw(k), "," | "and" | "or" | "&");
    let mut left = None;
    if range.start >= 2 && joins(range.start - 1) {
        let mut k = range.start - 2;
        if a.raw(k + 1) != "," && a.raw(k) == "," && k > 0 {
            k -= 1;
        }
        left = kind_at(k);
    }
    let mut right = None;
    if range.end + 1 < a.tokens.len() && joins(range.end) {
        let mut k = range.end + 1;
        if a.raw(range.end) == "," && matches!(a.raw(k), "and" | "or") {
            k += 1;
        }
        right = kind_at(k);
    }
    // A comma alone may stand before an apposition ("Harrow, John Thomas Claridge"): one
    // side is enough only when "and" or "or" joins it.
    let and_before = range.start >= 1 && matches!(a.raw(range.start - 1), "and" | "or" | "&");
    let and_after = matches!(a.raw(range.end), "and" | "or" | "&")
        || (a.raw(range.end) == "," && matches!(a.raw(range.end + 1), "and" | "or"));
    match (left, right) {
        (Some(l), Some(r)) if l == r && l != EntityKind::Topic => Some(l),
        (Some(kind), None) if and_before && kind != EntityKind::Topic => Some(kind),
        (None, Some(kind)) if and_after && kind != EntityKind::Topic => Some(kind),
        _ => None,
    }
}

/// An organisation written first in full and then without its last words ("Riverside Athletic
/// Football Club" … "Riverside Athletic's captain") is one organisation, when exactly one full
/// name in the document begins with the short one and the words left out end in an
/// organisation head word ("Club", "Inc", "Party").
fn merge_short_names(a: &mut Analysis<'_>) {
    use std::collections::HashMap;
    let lexicon = a.lexicon;
    // Every shorter form of each full name that ends in a head word: form → the full names.
    let mut full_names: HashMap<&str, Vec<EntityId>> = HashMap::new();
    let mut shorts: Vec<(EntityId, &str)> = Vec::new();
    for e in a
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
    {
        let key = e.key.as_str();
        // (Names are short; the forms of a run thousands of words long are not worth hashing.)
        if key.split(' ').count() > MAX_SPLIT_TOKENS {
            continue;
        }
        if key.split(' ').any(|w| lexicon.is_org_word(w)) {
            if key
                .rsplit(' ')
                .next()
                .is_some_and(|w| lexicon.is_org_word(w))
            {
                for (cut, _) in key.match_indices(' ') {
                    full_names.entry(&key[..cut]).or_default().push(e.id);
                }
            }
        } else {
            shorts.push((e.id, key));
        }
    }
    let merges: HashMap<EntityId, EntityId> = shorts
        .into_iter()
        .filter_map(
            |(short, key)| match full_names.get(key).map(Vec::as_slice) {
                Some(&[full]) => Some((short, full)),
                _ => None,
            },
        )
        .collect();
    if merges.is_empty() {
        return;
    }
    for m in 0..a.found.len() {
        if let Some(&full) = merges.get(&a.found[m].entity) {
            let surface = a.text_of(a.found[m].tokens.clone()).to_string();
            a.add_alias(full, &surface, MergeRule::ShortName);
            a.found[m].entity = full;
        }
    }
}

/// One reading per name per document: a name the typer was left to decide takes the type the
/// rules gave the same name elsewhere in the document, or else the type its occurrences'
/// scores add up to ("Frank Messina" in a headline is the person of the article's body).
fn decide_guesses(
    a: &Analysis<'_>,
    typed: Vec<(Range<usize>, Typed)>,
) -> Vec<(Range<usize>, Typed)> {
    use std::collections::HashMap;
    let mut ruled: HashMap<String, EntityKind> = HashMap::new();
    let mut votes: HashMap<String, [f32; 4]> = HashMap::new();
    for (range, t) in &typed {
        let key = a.key_of(range.clone());
        match t {
            Typed::Guess(scores) => {
                let total = votes.entry(key).or_default();
                for (x, s) in total.iter_mut().zip(scores) {
                    *x += s;
                }
            }
            Typed::Person { confident: true } => {
                ruled.insert(key, EntityKind::Person);
            }
            Typed::Organization => {
                ruled.entry(key).or_insert(EntityKind::Organization);
            }
            _ => {}
        }
    }
    let mut decided = Vec::with_capacity(typed.len());
    for (range, t) in typed {
        let Typed::Guess(_) = t else {
            decided.push((range, t));
            continue;
        };
        let key = a.key_of(range.clone());
        let kind = ruled
            .get(&key)
            .copied()
            .or_else(|| class_kind(crate::typer::best(&votes[&key]).0));
        let Some(kind) = kind else {
            // No name as a whole; a known name inside it still is one.
            nested_names(a, range, &mut decided);
            continue;
        };
        decided.push((range, Typed::of_kind(kind, false)));
    }
    decided
}

/// Who a lone surname stands for, among the people of the document whose full names end with
/// it: the one such person, or, when several share it ("Pierre L'Enfant", his father "Pierre
/// L'Enfant" and mother "Marie L'Enfant"), the one named in full most often, if one is.
/// Built once per document from the names found before the lone words are typed.
struct SurnameOwners(std::collections::HashMap<String, Surname>);

impl SurnameOwners {
    fn new(a: &Analysis<'_>) -> Self {
        use std::collections::HashMap;
        let mut mentions = vec![0usize; a.entities.len()];
        for m in &a.found {
            if let Some(count) = mentions.get_mut(m.entity.0) {
                *count += 1;
            }
        }
        let mut by_surname: HashMap<String, Vec<EntityId>> = HashMap::new();
        for e in &a.entities {
            if e.kind == EntityKind::Person {
                if let Some((_, surname)) = e.key.rsplit_once(' ') {
                    by_surname
                        .entry(surname.to_string())
                        .or_default()
                        .push(e.id);
                }
            }
        }
        let owners = by_surname
            .into_iter()
            .map(|(surname, ids)| {
                let mut counts: Vec<(usize, EntityId)> =
                    ids.iter().map(|&id| (mentions[id.0], id)).collect();
                counts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                let owner = match counts.as_slice() {
                    [(_, one)] => Surname::Of(*one),
                    [(first, id), (second, _), ..] if first > second => Surname::Of(*id),
                    _ => Surname::Shared,
                };
                (surname, owner)
            })
            .collect();
        Self(owners)
    }

    fn get(&self, surname: &str) -> Surname {
        self.0.get(surname).copied().unwrap_or(Surname::Unknown)
    }
}

/// What a lone word is as a surname of the document's people.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surname {
    /// No person of the document has it.
    Unknown,
    /// The surname of this person.
    Of(EntityId),
    /// Several people have it, and whose it is here is unclear.
    Shared,
}

/// An all-capitals organisation name whose letters are the initials of another organisation's
/// name in the same document ("NSDC" for "National Security and Defense Council") is that
/// organisation.
fn merge_acronyms(a: &mut Analysis<'_>) {
    let initials = org_initials(a);
    for m in 0..a.found.len() {
        let entity = a.found[m].entity;
        let e = a.entity_data(entity);
        if e.kind != EntityKind::Organization || e.key.contains(' ') {
            continue;
        }
        let letters: String = e.key.chars().filter(|c| *c != '.').collect();
        if let Some((full, _)) = initials
            .iter()
            .find(|(id, init)| *init == letters && *id != entity)
        {
            let (full, surface) = (*full, e.label.clone());
            a.add_alias(full, &surface, MergeRule::Acronym);
            a.found[m].entity = full;
        }
    }
}

/// Each multi-word organisation with the initials of its name ("nsdc").
fn org_initials(a: &Analysis<'_>) -> Vec<(EntityId, String)> {
    a.entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization && e.key.contains(' '))
        .map(|e| {
            let letters: String = e
                .key
                .split(' ')
                .filter(|w| !CONNECTORS.contains(w))
                .filter_map(|w| w.chars().next())
                .collect();
            (e.id, letters)
        })
        .collect()
}
