//! The working state of one extraction: tokens, sentences, mentions found so far and the
//! entity table that gives each real-world thing one id within the document.

use crate::fold::fold;
use crate::lexicon::Lexicon;
use crate::segment::{self, Token, TokenKind};
use kg_model::{Alias, Entity, EntityId, EntityKind, Fact, MergeRule, PlaceType, Span};
use std::collections::HashMap;
use std::ops::Range;

/// A mention while extraction runs: a token range and the entity it refers to.
#[derive(Debug, Clone)]
pub struct Found {
    /// Covered tokens.
    pub tokens: Range<usize>,
    /// Byte span (usually the tokens' span; "his country" style mentions too).
    pub span: Span,
    /// The entity.
    pub entity: EntityId,
}

/// Everything known about one document while it is being analysed.
pub struct Analysis<'t> {
    /// The document text.
    pub text: &'t str,
    /// Built-in word lists.
    pub lexicon: &'t Lexicon,
    /// Tokens of the whole text.
    pub tokens: Vec<Token>,
    /// Each token folded (lower case, no diacritics).
    pub folded: Vec<String>,
    /// Sentences as token ranges.
    pub sentences: Vec<Range<usize>>,
    /// Sentence index of each token.
    pub sentence_of: Vec<usize>,
    /// Mentions found so far.
    pub found: Vec<Found>,
    /// For each token, the first mention added that covers it.
    pub mention_at: Vec<Option<usize>>,
    /// Entities by id.
    pub entities: Vec<Entity>,
    index: HashMap<(EntityKind, String), EntityId>,
    /// Facts found so far.
    pub facts: Vec<Fact>,
    /// Folded words written somewhere in the text next to another capitalised word, built at
    /// first use (see [`Analysis::in_longer_name`]).
    in_longer_name: std::cell::OnceCell<std::collections::HashSet<String>>,
    /// Folded names of the storms the text names ("Katrina" in "Hurricane Katrina"), built at
    /// first use (see [`Analysis::is_storm_name`]).
    storm_names: std::cell::OnceCell<std::collections::HashSet<String>>,
}

/// Words that name a storm when a capitalised name follows ("Hurricane Florence").
pub const STORM_WORDS: &[&str] = &["hurricane", "cyclone", "typhoon", "storm", "superstorm"];

impl<'t> Analysis<'t> {
    /// Tokenize and split into sentences.
    pub fn new(text: &'t str, lexicon: &'t Lexicon) -> Self {
        let tokens = segment::tokenize(text);
        let folded = tokens.iter().map(|t| fold(t.text(text))).collect();
        let sentences = segment::sentences(text, &tokens);
        let mut sentence_of = vec![0; tokens.len()];
        for (s, range) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[range.clone()] {
                *slot = s;
            }
        }
        let mention_at = vec![None; tokens.len()];
        Self {
            text,
            lexicon,
            tokens,
            folded,
            sentences,
            sentence_of,
            found: Vec::new(),
            mention_at,
            entities: Vec::new(),
            index: HashMap::new(),
            facts: Vec::new(),
            in_longer_name: std::cell::OnceCell::new(),
            storm_names: std::cell::OnceCell::new(),
        }
    }

    /// Whether the folded word `word` is written somewhere in the text as part of a longer run
    /// of capitalised words ("Mohib" in "Hamdullah Mohib"), not only on its own.
    pub fn in_longer_name(&self, word: &str) -> bool {
        self.in_longer_name
            .get_or_init(|| {
                let mut set = std::collections::HashSet::new();
                for i in 1..self.tokens.len() {
                    if self.is_capitalized(i) && self.is_capitalized(i - 1) {
                        set.insert(self.folded[i].clone());
                        set.insert(self.folded[i - 1].clone());
                    }
                }
                set
            })
            .contains(word)
    }

    /// Whether the folded word `word` is the name of a storm somewhere in the text: written
    /// after "Hurricane", "Cyclone", "Typhoon" or "Storm" ("Storm Ciara", "Hurricane
    /// Florence"), so that on its own it names no person or place either.
    pub fn is_storm_name(&self, word: &str) -> bool {
        self.storm_names
            .get_or_init(|| {
                let mut set = std::collections::HashSet::new();
                for i in 1..self.tokens.len() {
                    if self.is_capitalized(i) && STORM_WORDS.contains(&self.word(i - 1)) {
                        set.insert(self.folded[i].clone());
                    }
                }
                set
            })
            .contains(word)
    }

    /// The folded text of token `i` (empty past the end).
    pub fn word(&self, i: usize) -> &str {
        self.folded.get(i).map_or("", String::as_str)
    }

    /// The original text of token `i` (empty past the end).
    pub fn raw(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.is_capitalized(self.text))
    }

    /// Whether token `i` is a possessive clitic.
    pub fn is_possessive(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
    }

    /// The byte span of tokens `range` (empty span at 0 for an empty range).
    pub fn span_of(&self, range: Range<usize>) -> Span {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if range.start < range.end => Span::new(a.span.start, b.span.end),
            _ => Span::new(0, 0),
        }
    }

    /// The text of tokens `range`, exactly as written.
    pub fn text_of(&self, range: Range<usize>) -> &'t str {
        self.span_of(range).text(self.text).unwrap_or("")
    }

    /// The folded phrase key of tokens `range` (tokens joined by single spaces).
    pub fn key_of(&self, range: Range<usize>) -> String {
        self.folded
            .get(range)
            .map(|w| w.join(" "))
            .unwrap_or_default()
    }

    /// The entity with this kind and key, created with `label` when new.
    pub fn entity(
        &mut self,
        kind: EntityKind,
        key: &str,
        label: &str,
        place_type: Option<PlaceType>,
    ) -> EntityId {
        if let Some(&id) = self.index.get(&(kind, key.to_string())) {
            return id;
        }
        let id = EntityId(self.entities.len());
        self.entities.push(Entity {
            id,
            kind,
            place_type,
            label: label.to_string(),
            key: key.to_string(),
            aliases: Vec::new(),
        });
        self.index.insert((kind, key.to_string()), id);
        id
    }

    /// Record that `text` was merged into `entity` by `rule` (once per distinct text).
    pub fn add_alias(&mut self, entity: EntityId, text: &str, rule: MergeRule) {
        let e = &mut self.entities[entity.0];
        if e.label != text && !e.aliases.iter().any(|a| a.text == text && a.rule == rule) {
            e.aliases.push(Alias {
                text: text.to_string(),
                rule,
            });
        }
    }

    /// Add a mention of `entity` over tokens `range`.
    pub fn add_mention(&mut self, range: Range<usize>, entity: EntityId) -> usize {
        let span = self.span_of(range.clone());
        self.add_mention_with_span(range, span, entity)
    }

    /// Add a mention whose byte span differs from its tokens' span.
    pub fn add_mention_with_span(
        &mut self,
        range: Range<usize>,
        span: Span,
        entity: EntityId,
    ) -> usize {
        let idx = self.found.len();
        // A mention nested in a later, longer one (a place inside a topic) keeps its tokens.
        for slot in &mut self.mention_at[range.clone()] {
            slot.get_or_insert(idx);
        }
        self.found.push(Found {
            tokens: range,
            span,
            entity,
        });
        idx
    }

    /// The mention covering token `i`.
    pub fn mention(&self, i: usize) -> Option<&Found> {
        self.mention_at
            .get(i)
            .copied()
            .flatten()
            .map(|m| &self.found[m])
    }

    /// The kind of the entity mentioned at token `i`.
    pub fn kind_at(&self, i: usize) -> Option<EntityKind> {
        self.mention(i).map(|m| self.entities[m.entity.0].kind)
    }

    /// The entity's data.
    pub fn entity_data(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }
}
