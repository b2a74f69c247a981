//! Meetings and the topics they discuss.
//!
//! A meeting verb ("met", "held talks with", "hosted", "spoke with") with participants on both
//! sides makes a meeting, with the place after "in"/"at" and the time phrase of its clause.
//! Topic verbs ("discussed", "reviewed", "focused on") and topic sentences ("another key topic
//! was …") add topics to the meeting their subject refers to: the same named participants, or
//! the meeting in focus when the subject is "both sides", "the two leaders", "they", "the duo".
//! Coordinated topics are split ("the war, regional stability and …" → three topics) and
//! labelled by their noun phrase without determiners or trailing place/time modifiers.

use crate::analysis::Analysis;
use crate::dates::{self, Date, TimeMeaning};
use kg_model::{Confidence, EntityId, EntityKind, Fact, Meeting, Span, TimeRef};
use std::ops::Range;

/// Words that, followed by a participant, make a meeting (the word after is optional glue).
const MEETING_VERBS: &[&str] = &[
    "met", "meet", "meets", "meeting", "hosted", "hosts", "host", "hosting", "received",
    "receives", "visited", "visits", "called", "phoned",
];
/// Verbs that make a meeting only with "with"/"to" after them.
const MEETING_WITH_VERBS: &[&str] = &[
    "talked",
    "talks",
    "spoke",
    "speaks",
    "conferred",
    "negotiated",
    "sat",
];
/// Verbs whose object is what was discussed.
const TOPIC_VERBS: &[&str] = &[
    "discussed",
    "discuss",
    "discusses",
    "discussing",
    "reviewed",
    "reviews",
    "review",
    "examined",
    "examine",
    "assessed",
    "assess",
    "addressed",
    "explored",
    "considered",
    "debated",
];
/// Verbs that need a particle before the topic ("focused on", "talked about").
const TOPIC_PARTICLE_VERBS: &[&str] = &[
    "focused", "focuses", "focus", "centred", "centered", "touched", "talked", "spoke", "agreed",
];
const TOPIC_PARTICLES: &[&str] = &["on", "about", "upon"];
/// Subjects that refer to the participants of the meeting in focus.
const GROUP_SUBJECTS: &[&str] = &[
    "sides",
    "leaders",
    "duo",
    "pair",
    "they",
    "two",
    "officials",
    "ministers",
    "delegations",
    "men",
    "women",
    "counterparts",
    "parties",
];
/// Subjects that are the meeting in focus itself.
const EVENT_SUBJECTS: &[&str] = &[
    "discussion",
    "discussions",
    "talks",
    "meeting",
    "conversation",
    "call",
    "summit",
    "session",
    "agenda",
    "negotiations",
];
/// Words that end a clause for the purpose of finding a verb's subject or objects.
const CLAUSE_BREAKS: &[&str] = &[
    ";", "after", "before", "when", "while", "because", "although", "though", "since", "but",
    "whereas", "as", "until", "where",
];
/// Words that end a topic phrase.
const TOPIC_STOPS: &[&str] = &[
    ".",
    ";",
    ":",
    "?",
    "!",
    "according",
    "as",
    "while",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "because",
    "said",
    "says",
    "saying",
    "amid",
    "after",
    "before",
    "since",
    "but",
    "so",
    "if",
    "—",
    "–",
    "(",
    ")",
];
/// Prepositions whose phrase is cut from a topic label ("the security situation across Ukraine").
const TOPIC_CUTS: &[&str] = &[
    "across",
    "in",
    "at",
    "within",
    "during",
    "from",
    "with",
    "between",
    "by",
    "among",
    "inside",
    "throughout",
    "around",
    "amid",
    "that",
    "on",
];
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "such",
    "some",
    "any",
    "both",
    "all",
    "other",
    "further",
    "possible",
    "potential",
];
/// Light heads that only introduce the real topic ("the issue of prisoner exchanges").
const LIGHT_HEADS: &[&str] = &[
    "issue", "question", "matter", "subject", "topic", "problem", "theme",
];
const PRONOUNS: &[&str] = &[
    "it", "this", "that", "them", "what", "where", "how", "whether", "why", "which", "who", "ways",
    "things",
];

/// Find meetings and topics; resolve their dates against `anchor`.
pub fn extract(a: &mut Analysis<'_>, anchor: Option<Date>) {
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut previous_date: Option<Date> = anchor;
    for s in 0..a.sentences.len() {
        let sentence = a.sentences[s].clone();
        let phrases = dates::find_time_phrases(a.text, &a.tokens, sentence.clone());
        let mut i = sentence.start;
        while i < sentence.end {
            if let Some((trigger_end, object_start)) = meeting_trigger(a, i, sentence.end) {
                if let Some(m) = meeting_at(
                    a,
                    s,
                    &sentence,
                    i,
                    trigger_end,
                    object_start,
                    &phrases,
                    anchor,
                    &mut previous_date,
                ) {
                    meetings.push(m);
                }
                i = trigger_end;
                continue;
            }
            // Topics become entities only when there is a meeting for them to belong to.
            if let Some(topic_start) = topic_trigger(a, i, sentence.end) {
                match meeting_for_subject(a, &meetings, s, &sentence, i, sentence.end) {
                    Some(Target::Existing(target)) => {
                        let topics = topics_from(a, topic_start, sentence.end);
                        add_topics(&mut meetings[target], topics, s);
                    }
                    Some(Target::New(mut meeting)) => {
                        let topics = topics_from(a, topic_start, sentence.end);
                        if !topics.is_empty() {
                            add_topics(&mut meeting, topics, s);
                            meetings.push(meeting);
                        }
                    }
                    None => {}
                }
                i = topic_start;
                continue;
            }
            if let Some(topic_start) = topic_sentence(a, i, sentence.end) {
                if !meetings.is_empty() {
                    let topics = topics_from(a, topic_start, sentence.end);
                    if let Some(m) = meetings.last_mut() {
                        add_topics(m, topics, s);
                    }
                }
                i = topic_start;
                continue;
            }
            i += 1;
        }
    }
    a.facts.extend(
        meetings
            .into_iter()
            .filter(|m| m.participants.len() >= 2)
            .map(Fact::Meeting),
    );
}

fn add_topics(m: &mut Meeting, topics: Vec<EntityId>, sentence: usize) {
    let mut added = false;
    for t in topics {
        if !m.topics.contains(&t) {
            m.topics.push(t);
            added = true;
        }
    }
    if added && !m.topic_sentences.contains(&sentence) && m.sentence != sentence {
        m.topic_sentences.push(sentence);
    }
}

/// A meeting trigger at `i`: returns the end of the trigger words and where objects start.
fn meeting_trigger(a: &Analysis<'_>, i: usize, end: usize) -> Option<(usize, usize)> {
    let w = a.word(i);
    let next = a.word(i + 1);
    let glue = |k: usize| matches!(a.word(k), "with" | "to");
    if a.mention_at[i].is_some() {
        return None;
    }
    if MEETING_VERBS.contains(&w) {
        // "meeting" is a verb only as "meeting with"; "called" only as "called on"/"with".
        if matches!(w, "meeting" | "called" | "phoned") && !glue(i + 1) && next != "on" {
            return None;
        }
        let e = if glue(i + 1) || (w == "called" && next == "on") {
            i + 2
        } else {
            i + 1
        };
        return (e <= end).then_some((e, e));
    }
    if MEETING_WITH_VERBS.contains(&w) && glue(i + 1) {
        return Some((i + 2, i + 2));
    }
    // "held talks with", "holds a phone call with", "had a meeting with".
    if matches!(w, "held" | "holds" | "hold" | "had" | "has" | "have") {
        let mut k = i + 1;
        while k < end
            && matches!(
                a.word(k),
                "a" | "an"
                    | "the"
                    | "phone"
                    | "telephone"
                    | "video"
                    | "bilateral"
                    | "private"
                    | "closed-door"
                    | "further"
                    | "direct"
            )
        {
            k += 1;
        }
        if matches!(
            a.word(k),
            "talks"
                | "meeting"
                | "meetings"
                | "call"
                | "conversation"
                | "discussions"
                | "negotiations"
                | "summit"
        ) && glue(k + 1)
        {
            return Some((k + 2, k + 2));
        }
    }
    None
}

/// The start of a clause containing token `i`: after the last clause break before it.
fn clause_start(a: &Analysis<'_>, sentence: &Range<usize>, i: usize) -> usize {
    (sentence.start..i)
        .rev()
        .find(|&k| CLAUSE_BREAKS.contains(&a.word(k)))
        .map_or(sentence.start, |k| k + 1)
}

fn people_in(a: &Analysis<'_>, range: Range<usize>) -> Vec<EntityId> {
    let mut out = Vec::new();
    for k in range {
        if let Some(m) = a.mention(k) {
            if m.tokens.start == k
                && a.entity_data(m.entity).kind == EntityKind::Person
                && !out.contains(&m.entity)
            {
                out.push(m.entity);
            }
        }
    }
    out
}

/// Organisations and places acting as participants ("Türkiye hosted …").
fn bodies_in(a: &Analysis<'_>, range: Range<usize>) -> Vec<EntityId> {
    let mut out = Vec::new();
    for k in range {
        if let Some(m) = a.mention(k) {
            let e = a.entity_data(m.entity);
            // Organisations and states can meet; cities and regions cannot.
            let acts = e.kind == EntityKind::Organization
                || e.place_type == Some(kg_model::PlaceType::Country);
            if m.tokens.start == k
                && acts
                && !out.contains(&m.entity)
                && !a.is_possessive(m.tokens.end)
            {
                out.push(m.entity);
            }
        }
    }
    out
}

/// The end of the objects of a verb: the next clause break or the end of the sentence.
fn object_end(a: &Analysis<'_>, from: usize, end: usize) -> usize {
    (from..end)
        .find(|&k| {
            CLAUSE_BREAKS.contains(&a.word(k))
                || matches!(a.word(k), "who" | "which" | "to" | "said" | "says")
                || (a.word(k) == ","
                    && matches!(
                        a.word(k + 1),
                        "who" | "which" | "saying" | "according" | "and"
                    ))
        })
        .unwrap_or(end)
}

#[allow(clippy::too_many_arguments)]
fn meeting_at(
    a: &mut Analysis<'_>,
    s: usize,
    sentence: &Range<usize>,
    trigger: usize,
    trigger_end: usize,
    objects_from: usize,
    phrases: &[dates::TimePhrase],
    anchor: Option<Date>,
    previous_date: &mut Option<Date>,
) -> Option<Meeting> {
    let subject_range = clause_start(a, sentence, trigger)..trigger;
    let objects_to = object_end(a, objects_from, sentence.end);
    let mut subjects = people_in(a, subject_range.clone());
    let objects = people_in(a, objects_from..objects_to);
    if subjects.is_empty() {
        subjects = bodies_in(a, subject_range.clone());
    }
    // A plan or a wish is not a meeting: "would open talks with", "plans to meet".
    let mut m = trigger;
    while m > subject_range.start
        && matches!(
            a.word(m - 1),
            "not" | "also" | "again" | "then" | "soon" | "later"
        )
    {
        m -= 1;
    }
    if m > 0
        && matches!(
            a.word(m - 1),
            "would"
                | "will"
                | "to"
                | "could"
                | "may"
                | "might"
                | "shall"
                | "should"
                | "must"
                | "can"
                | "cannot"
        )
    {
        return None;
    }
    // Without anyone on the other side, only people named together met ("X and Y met").
    if objects.is_empty()
        && subjects
            .iter()
            .any(|&p| a.entity_data(p).kind != EntityKind::Person)
    {
        return None;
    }
    let mut participants = subjects;
    for o in objects {
        if !participants.contains(&o) {
            participants.push(o);
        }
    }
    if participants.len() < 2 {
        return None;
    }
    let place = place_after(a, subject_range.start, objects_to);
    // The time phrase after the verb ("met … on Thursday") before one ahead of it.
    let time = phrases
        .iter()
        .find(|p| p.tokens.start >= trigger_end && p.tokens.start < objects_to)
        .or_else(|| {
            phrases
                .iter()
                .find(|p| p.tokens.start >= subject_range.start && p.tokens.start < trigger)
        })
        // A dateline ("BERLIN, March 5, 2026 —") dates the article, not the meeting.
        .filter(|p| !matches!(a.raw(p.tokens.end), "—" | "–" | "-" | "("))
        .map(|p| {
            let date = dates::resolve(p.meaning, anchor, *previous_date);
            if date.is_some() && p.meaning != TimeMeaning::SameDayAsPrevious {
                *previous_date = date;
            }
            TimeRef {
                text: a.text_of(p.tokens.clone()).to_string(),
                span: p.span,
                date: date.map(Date::iso),
            }
        });
    Some(Meeting {
        participants,
        place,
        time,
        topics: Vec::new(),
        trigger: a.span_of(trigger..trigger_end),
        sentence: s,
        topic_sentences: Vec::new(),
        confidence: Confidence::new(0.85),
    })
}

/// The first place after "in"/"at" within tokens `range`.
fn place_after(a: &Analysis<'_>, from: usize, to: usize) -> Option<EntityId> {
    (from..to.min(a.tokens.len())).find_map(|k| {
        if !matches!(a.word(k), "in" | "at") {
            return None;
        }
        let m = a.mention(k + 1)?;
        (a.entity_data(m.entity).kind == EntityKind::Place
            && m.tokens.start == k + 1
            && !a.is_possessive(m.tokens.end))
        .then_some(m.entity)
    })
}

/// A topic verb at `i`: where its object starts.
fn topic_trigger(a: &Analysis<'_>, i: usize, end: usize) -> Option<usize> {
    let w = a.word(i);
    if TOPIC_VERBS.contains(&w) {
        return Some(i + 1).filter(|&k| k < end);
    }
    if TOPIC_PARTICLE_VERBS.contains(&w) && TOPIC_PARTICLES.contains(&a.word(i + 1)) {
        return Some(i + 2).filter(|&k| k < end);
    }
    // "held talks on …", "discussions about …".
    if matches!(
        w,
        "talks" | "discussions" | "negotiations" | "consultations"
    ) && TOPIC_PARTICLES.contains(&a.word(i + 1))
    {
        return Some(i + 2).filter(|&k| k < end);
    }
    None
}

/// "Another key topic was …", "Topics included …", "The agenda included …".
fn topic_sentence(a: &Analysis<'_>, i: usize, end: usize) -> Option<usize> {
    if !matches!(
        a.word(i),
        "topic" | "topics" | "agenda" | "issue" | "issues" | "focus"
    ) {
        return None;
    }
    let subject_like = (i.saturating_sub(3)..i).any(|k| {
        matches!(
            a.word(k),
            "another" | "key" | "main" | "other" | "the" | "central" | "major" | "top"
        )
    });
    let verb = a.word(i + 1);
    (subject_like
        && matches!(
            verb,
            "was" | "were" | "included" | "include" | "includes" | "is"
        ))
    .then_some(i + 2)
    .filter(|&k| k < end)
}

/// The meeting a topic belongs to: one already found, or a new one.
enum Target {
    Existing(usize),
    New(Meeting),
}

/// The meeting that the subject of a topic verb at `verb` refers to; may create one when two
/// named people discuss something without an earlier meeting.
fn meeting_for_subject(
    a: &mut Analysis<'_>,
    meetings: &[Meeting],
    s: usize,
    sentence: &Range<usize>,
    verb: usize,
    end: usize,
) -> Option<Target> {
    let start = clause_start(a, sentence, verb);
    let mut people = people_in(a, start..verb);
    if a.word(verb + 1) == "with" || (verb + 1..end).any(|k| a.word(k) == "with") {
        let with = (verb + 1..end)
            .find(|&k| a.word(k) == "with")
            .unwrap_or(end);
        for p in people_in(a, with..object_end(a, with + 1, end)) {
            if !people.contains(&p) {
                people.push(p);
            }
        }
    }
    if !people.is_empty() {
        if let Some(idx) = meetings
            .iter()
            .rposition(|m| people.iter().all(|p| m.participants.contains(p)))
        {
            return Some(Target::Existing(idx));
        }
        if people.len() >= 2 {
            return Some(Target::New(Meeting {
                participants: people,
                place: place_after(a, start, end),
                time: None,
                topics: Vec::new(),
                trigger: a.span_of(verb..verb + 1),
                sentence: s,
                topic_sentences: Vec::new(),
                confidence: Confidence::new(0.7),
            }));
        }
        return None;
    }
    let refers_to_focus = (start..verb)
        .any(|k| GROUP_SUBJECTS.contains(&a.word(k)) || EVENT_SUBJECTS.contains(&a.word(k)));
    if refers_to_focus && !meetings.is_empty() {
        return Some(Target::Existing(meetings.len() - 1));
    }
    None
}

/// Topic entities from the object phrase starting at `start`.
fn topics_from(a: &mut Analysis<'_>, start: usize, end: usize) -> Vec<EntityId> {
    let mut from = start;
    let mut to = end;
    // A quoted object: the quotation is the phrase.
    if matches!(a.raw(from), "\"" | "“") {
        from += 1;
        to = (from..end)
            .find(|&k| matches!(a.raw(k), "\"" | "”"))
            .unwrap_or(end);
    }
    let stop = (from..to)
        .find(|&k| {
            TOPIC_STOPS.contains(&a.word(k))
                || TOPIC_VERBS.contains(&a.word(k))
                || attribution_follows(a, k)
                || (a.raw(k) == ","
                    && (a.word(k + 1).ends_with("ing") && a.word(k + 1) != "including"))
                || matches!(a.raw(k), "\"" | "“" | "”")
        })
        .unwrap_or(to);
    let mut items = Vec::new();
    let mut item_start = from;
    let mut k = from;
    let mut in_between = false;
    while k < stop {
        let w = a.word(k);
        if w == "between" {
            in_between = true;
        }
        let splits = match w {
            "," | "including" | "notably" => true,
            "and" | "or" => !in_between && !adjective_pair(a, item_start, k),
            "as" if a.word(k + 1) == "well" && a.word(k + 2) == "as" => true,
            _ => false,
        };
        if splits {
            if k > item_start {
                items.push(item_start..k);
            }
            in_between = false;
            k += if w == "as" { 3 } else { 1 };
            while k < stop && matches!(a.word(k), "and" | "or" | "including") {
                k += 1;
            }
            item_start = k;
            continue;
        }
        k += 1;
    }
    if stop > item_start {
        items.push(item_start..stop);
    }
    items
        .into_iter()
        .filter_map(|r| topic_entity(a, r))
        .collect()
}

/// ", the ministry said …": a comma that starts an attribution ends the phrase before it.
fn attribution_follows(a: &Analysis<'_>, k: usize) -> bool {
    a.raw(k) == ","
        && (k + 1..k + 6).any(|q| {
            matches!(
                a.word(q),
                "said" | "says" | "told" | "added" | "stated" | "announced"
            )
        })
}

/// A past participle that starts a reduced relative clause ("prisoners held in Russia").
fn is_participle(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "held", "kept", "made", "built", "led", "sent", "brought", "caught", "found", "put", "set",
        "left", "lost", "won", "seen", "known", "taken", "given", "done", "hit", "shot", "stuck",
        "paid", "run", "spent", "sold", "told", "thought", "bought", "fought", "born",
    ];
    word.ends_with("ed") || IRREGULAR.contains(&word)
}

/// "regional and global impacts": an adjective before "and" belongs with the next noun.
fn adjective_pair(a: &Analysis<'_>, item_start: usize, and: usize) -> bool {
    and == item_start + 1 && {
        let w = a.word(item_start);
        [
            "al", "ic", "ive", "ous", "ary", "ful", "less", "ible", "able", "ern", "ian", "ish",
        ]
        .iter()
        .any(|s| w.ends_with(s))
    }
}

/// Make the topic entity for tokens `range`: cut modifiers, strip determiners and light heads.
fn topic_entity(a: &mut Analysis<'_>, range: Range<usize>) -> Option<EntityId> {
    let mut start = range.start;
    let mut end = range.end;
    if let Some(cut) = (start + 1..end).find(|&k| {
        TOPIC_CUTS.contains(&a.word(k))
            || (is_participle(a.word(k)) && TOPIC_CUTS.contains(&a.word(k + 1)) && k > start + 1)
    }) {
        end = cut;
    }
    while start < end && DETERMINERS.contains(&a.word(start)) {
        start += 1;
    }
    if end > start + 2 && LIGHT_HEADS.contains(&a.word(start)) && a.word(start + 1) == "of" {
        start += 2;
        while start < end && DETERMINERS.contains(&a.word(start)) {
            start += 1;
        }
    }
    while end > start && matches!(a.raw(end - 1), "," | "'" | "’" | "-") {
        end -= 1;
    }
    if start >= end || end - start > 10 || PRONOUNS.contains(&a.word(start)) {
        return None;
    }
    if !(start..end)
        .any(|k| a.tokens[k].kind == crate::segment::TokenKind::Word && !a.is_capitalized(k))
    {
        // Only names ("Russia"): that is an entity, not a topic.
        return None;
    }
    let span: Span = a.span_of(start..end);
    let surface = span.text(a.text).unwrap_or("");
    let label = if a.is_capitalized(start)
        && a.mention_at[start].is_none()
        && a.lexicon.is_common_word(a.word(start))
    {
        let mut chars = surface.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    } else {
        surface.to_string()
    };
    let key = crate::fold::fold(&label);
    let id = a.entity(EntityKind::Topic, &key, &label, None);
    a.add_mention(start..end, id);
    Some(id)
}
