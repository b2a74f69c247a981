//! Word lists compiled into the binary (see `data/README.md` for where each comes from).
//!
//! Every multi-word entry is stored as its tokens, lower-cased, diacritics folded and joined by
//! single spaces (the same tokenizer as the text), so a lookup over text tokens is one hash probe.

use crate::fold::fold;
use crate::segment::tokenize;
use kg_model::{EntityKind, PlaceType};
use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};

// The word lists are probed several times per token, with short keys; SipHash's protection
// against chosen keys buys nothing for tables that never grow after start-up.
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<WordHasher>>;
type HashSet<K> = StdHashSet<K, BuildHasherDefault<WordHasher>>;

/// A fast multiply-rotate hash (the scheme of rustc's `FxHasher`), eight bytes at a time.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");
const PLACES: &str = include_str!("../data/places.tsv");
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const PERSON_NAMES: &str = include_str!("../data/person_names.txt");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");
const ORG_WORDS: &str = include_str!("../data/org_words.txt");
const ROLES: &str = include_str!("../data/roles.tsv");
const HONORIFICS: &str = include_str!("../data/honorifics.txt");
const KNOWN_ENTITIES: &str = include_str!("../data/known_entities.tsv");
const ORGANIZATIONS: &str = include_str!("../data/organizations.txt");
const PEOPLE: &str = include_str!("../data/people.txt");

/// Ids of the corpus documents kept out of every corpus-derived word list (one per line, `#`
/// comments): measure accuracy on these to get held-out figures.
pub const HELDOUT_IDS: &str = include_str!("../data/heldout.txt");

/// The held-out document ids.
pub fn heldout_ids() -> impl Iterator<Item = &'static str> {
    lines(HELDOUT_IDS).map(str::trim)
}

/// A known place.
#[derive(Debug, Clone)]
pub struct PlaceEntry {
    /// Its canonical name ("Türkiye" for "Turkey").
    pub canonical: String,
    /// Country, city or other.
    pub place_type: PlaceType,
    /// Whether the surface form is an alternative name of a country (not its canonical name).
    pub is_alias: bool,
}

/// A role word or title.
#[derive(Debug, Clone)]
pub struct RoleEntry {
    /// Canonical label, lower case.
    pub canonical: String,
    /// A head ("minister") or a modifier that may precede a head ("deputy").
    pub is_head: bool,
}

/// All lexicons, built once.
#[derive(Debug)]
pub struct Lexicon {
    places: HashMap<String, PlaceEntry>,
    demonyms: HashMap<String, String>,
    first_names: HashSet<String>,
    person_names: HashSet<String>,
    common_words: HashSet<String>,
    org_words: HashSet<String>,
    roles: HashMap<String, RoleEntry>,
    /// The first word of every role phrase, so most tokens are rejected with one probe.
    role_starts: HashSet<String>,
    honorifics: HashSet<String>,
    known: HashMap<String, EntityKind>,
    /// Well-known organisations (hand list): key → whether it must be written in capitals.
    organizations: HashMap<String, bool>,
    /// Family names of well-known people (hand list) that are no ordinary word, given name or
    /// place: "gorbachev", "merkel".
    famous_surnames: HashSet<String>,
    /// Longest known entity or organisation name, in tokens.
    pub max_known_tokens: usize,
    /// Longest place name, in tokens.
    pub max_place_tokens: usize,
    /// Longest role phrase, in tokens.
    pub max_role_tokens: usize,
}

/// The lookup key of a phrase: its tokens, folded, joined by spaces.
pub fn phrase_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for token in tokenize(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&fold(token.text(text)));
    }
    key
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn split_alternatives(field: Option<&str>) -> impl Iterator<Item = &str> {
    field
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl Lexicon {
    /// Parse the built-in lists.
    pub fn builtin() -> Self {
        let mut lexicon = Self {
            places: HashMap::default(),
            demonyms: HashMap::default(),
            first_names: HashSet::default(),
            person_names: HashSet::default(),
            common_words: HashSet::default(),
            org_words: HashSet::default(),
            roles: HashMap::default(),
            role_starts: HashSet::default(),
            honorifics: HashSet::default(),
            known: HashMap::default(),
            famous_surnames: HashSet::default(),
            organizations: HashMap::default(),
            max_known_tokens: 1,
            max_place_tokens: 1,
            max_role_tokens: 1,
        };
        for line in lines(COUNTRIES) {
            let mut cols = line.split('\t');
            let Some(canonical) = cols.next().map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            let alternatives = cols.next();
            let demonyms = cols.next();
            lexicon.add_place(canonical, canonical, PlaceType::Country, false);
            for alt in split_alternatives(alternatives) {
                lexicon.add_place(alt, canonical, PlaceType::Country, true);
            }
            for demonym in split_alternatives(demonyms) {
                lexicon
                    .demonyms
                    .entry(phrase_key(demonym))
                    .or_insert_with(|| canonical.to_string());
            }
        }
        for line in lines(CITIES) {
            if let Some(city) = line
                .split('\t')
                .next()
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                lexicon.add_place(city, city, PlaceType::City, false);
            }
        }
        for line in lines(PLACES) {
            if let Some(place) = line
                .split('\t')
                .next()
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                lexicon.add_place(place, place, PlaceType::Other, false);
            }
        }
        lexicon.first_names = lines(FIRST_NAMES).map(|l| fold(l.trim())).collect();
        lexicon.person_names = lines(PERSON_NAMES).map(|l| fold(l.trim())).collect();
        lexicon.common_words = lines(COMMON_WORDS).map(|l| fold(l.trim())).collect();
        lexicon.org_words = lines(ORG_WORDS).map(|l| fold(l.trim())).collect();
        lexicon.honorifics = lines(HONORIFICS)
            .map(|l| fold(l.trim().trim_end_matches('.')))
            .collect();
        for line in lines(ROLES) {
            let mut cols = line.split('\t');
            let (Some(surface), Some(canonical)) = (cols.next(), cols.next()) else {
                continue;
            };
            let is_head = cols.next().is_none_or(|c| c.trim() != "modifier");
            let key = phrase_key(surface);
            lexicon.max_role_tokens = lexicon.max_role_tokens.max(key.split(' ').count());
            if let Some(first) = key.split(' ').next() {
                lexicon.role_starts.insert(first.to_string());
            }
            let entry = RoleEntry {
                canonical: canonical.trim().to_lowercase(),
                is_head,
            };
            // A word listed both ways ("chief") is a head that may also modify.
            lexicon
                .roles
                .entry(key)
                .and_modify(|e| e.is_head |= entry.is_head)
                .or_insert(entry);
        }
        for line in lines(KNOWN_ENTITIES) {
            let mut cols = line.split('\t');
            let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind.trim() {
                "Person" => EntityKind::Person,
                "Organization" => EntityKind::Organization,
                "Place" => EntityKind::Place,
                _ => continue,
            };
            let key = phrase_key(name);
            // Demonyms are adjectives here ("German"), not places, whatever a corpus tagged them.
            if key.is_empty() || lexicon.demonyms.contains_key(&key) {
                continue;
            }
            lexicon.max_known_tokens = lexicon.max_known_tokens.max(key.split(' ').count());
            lexicon.known.insert(key, kind);
        }
        for name in lines(PEOPLE) {
            let key = phrase_key(name);
            let Some(surname) = key.rsplit(' ').next().filter(|_| key.contains(' ')) else {
                continue;
            };
            if !lexicon.common_words.contains(surname)
                && !lexicon.first_names.contains(surname)
                && !lexicon.places.contains_key(surname)
            {
                lexicon.famous_surnames.insert(surname.to_string());
            }
            lexicon.max_known_tokens = lexicon.max_known_tokens.max(key.split(' ').count());
            lexicon.known.entry(key).or_insert(EntityKind::Person);
        }
        for name in lines(ORGANIZATIONS) {
            let key = phrase_key(name);
            let capitals =
                name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
            lexicon.max_known_tokens = lexicon.max_known_tokens.max(key.split(' ').count());
            lexicon.organizations.insert(key, capitals);
        }
        lexicon
    }

    /// Whether `key` names a well-known organisation as written in `surface` (names listed in
    /// capitals, "WHO", must be written in capitals: "Who" is a pronoun).
    pub fn is_organization(&self, key: &str, surface: &str) -> bool {
        self.organizations
            .get(key)
            .is_some_and(|&capitals| !capitals || !surface.chars().any(char::is_lowercase))
    }

    /// Whether a folded word is the family name of a well-known person ("gorbachev") and no
    /// ordinary word, given name or place.
    pub fn is_famous_surname(&self, key: &str) -> bool {
        self.famous_surnames.contains(key)
    }

    /// The kind of a name seen in the training corpus or a well-known person's name, by its key.
    pub fn known_kind(&self, key: &str) -> Option<EntityKind> {
        self.known.get(key).copied()
    }

    fn add_place(&mut self, surface: &str, canonical: &str, place_type: PlaceType, is_alias: bool) {
        let key = phrase_key(surface);
        if key.is_empty() {
            return;
        }
        self.max_place_tokens = self.max_place_tokens.max(key.split(' ').count());
        // Countries win over cities of the same name; the first entry of a kind wins.
        let entry = PlaceEntry {
            canonical: canonical.to_string(),
            place_type,
            is_alias,
        };
        match self.places.get(&key) {
            Some(existing)
                if existing.place_type == PlaceType::Country
                    || place_type != PlaceType::Country => {}
            _ => {
                self.places.insert(key, entry);
            }
        }
    }

    /// The place a folded phrase key names.
    pub fn place(&self, key: &str) -> Option<&PlaceEntry> {
        self.places.get(key)
    }

    /// The canonical country a demonym ("turkish") belongs to.
    pub fn demonym(&self, key: &str) -> Option<&str> {
        self.demonyms.get(key).map(String::as_str)
    }

    /// The canonical country for a name, alias or demonym key.
    pub fn country(&self, key: &str) -> Option<&str> {
        self.places
            .get(key)
            .filter(|p| p.place_type == PlaceType::Country)
            .map(|p| p.canonical.as_str())
            .or_else(|| self.demonym(key))
    }

    /// Whether a folded word is a known given name.
    pub fn is_first_name(&self, key: &str) -> bool {
        self.first_names.contains(key)
    }

    /// Whether a folded word was seen as part of a person's name.
    pub fn is_person_name(&self, key: &str) -> bool {
        self.person_names.contains(key) || self.first_names.contains(key)
    }

    /// Whether a folded word is ordinary English (usually written in lower case).
    pub fn is_common_word(&self, key: &str) -> bool {
        self.common_words.contains(key)
    }

    /// Whether a folded word marks an organisation name ("council", "ministry").
    pub fn is_org_word(&self, key: &str) -> bool {
        self.org_words.contains(key)
    }

    /// A role phrase by its key.
    pub fn role(&self, key: &str) -> Option<&RoleEntry> {
        self.roles.get(key)
    }

    /// Whether a folded word is the first word of some role phrase ("deputy", "prime").
    pub fn starts_role(&self, word: &str) -> bool {
        self.role_starts.contains(word)
    }

    /// Whether a folded word is an honorific ("mr", "dr").
    pub fn is_honorific(&self, key: &str) -> bool {
        self.honorifics.contains(key)
    }
}
