//! Person – holds role – office in organisation.
//!
//! A role phrase ("foreign minister", "intelligence chief", "secretary") is found from the role
//! lexicon; the organisation comes from what stands before it (an organisation name, a
//! possessive "Türkiye's", a demonym "Turkish", or "his country's") or after it ("of the
//! Council"); the person from what follows ("… Hakan Fidan") or precedes it (apposition
//! "Umerov, the NSDC secretary", relative clause "Umerov, who is also …", copula "X is the …").
//! A role without an organisation is not a fact: kg never asserts "secretary" without "of what".

use crate::analysis::Analysis;
use crate::ner::role_end;
use kg_model::{Confidence, EntityId, EntityKind, Fact, HoldsRole, LocatedIn, PlaceType, Span};

/// Words that make a role not a current office.
const NOT_CURRENT: &[&str] = &[
    "former",
    "ex",
    "late",
    "then",
    "would-be",
    "future",
    "prospective",
    "next",
];
const DETERMINERS: &[&str] = &["the", "a", "an"];
const ADVERBS: &[&str] = &[
    "also",
    "currently",
    "now",
    "still",
    "previously",
    "formerly",
    "already",
];
const COPULAS: &[&str] = &[
    "is", "was", "became", "becomes", "remains", "remained", "serves", "served", "been",
];
const PERSONAL_POSSESSIVES: &[&str] = &["his", "her", "their"];

/// Where a role's organisation comes from.
#[derive(Debug, Clone, Copy)]
enum OrgRef {
    /// A named organisation or place.
    Entity(EntityId),
    /// A demonym ("Turkish") at this token, for this country.
    Demonym(usize),
    /// "his/her/their country" (or "party") over these tokens: the person's own country
    /// (or party), the third field says which.
    PersonsOwn(usize, usize, Own),
}

/// What "his/her/their …" refers to.
#[derive(Debug, Clone, Copy)]
enum Own {
    Country,
    Party,
}

struct Candidate {
    person: EntityId,
    role: String,
    role_text: String,
    org: OrgRef,
    evidence: Span,
    sentence: usize,
    confidence: f32,
    rule: &'static str,
}

/// Find located-in facts and role facts.
pub fn extract(a: &mut Analysis<'_>) {
    located_in_by_possessive(a);
    let mut candidates = Vec::new();
    for s in 0..a.sentences.len() {
        let sentence = a.sentences[s].clone();
        let mut i = sentence.start;
        while i < sentence.end {
            let free = |k: usize| a.mention_at[k].is_none();
            if free(i) {
                if let Some((end, label)) =
                    role_end(a, i, sentence.end).filter(|(e, _)| (i..*e).all(free))
                {
                    if let Some(c) = role_fact(a, s, i, end, label) {
                        candidates.push(c);
                    }
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }
    resolve(a, candidates);
    definite_titles(a);
    offices_as_people(a);
}

/// "the Governor of Virginia", "as Director-General of the World Health Organization": a
/// capitalised title with the organisation or place it belongs to, and no name after it, names
/// the person who holds that office, as news reads it. When `definite_titles` found no one
/// holder in the document, the office holder is a person of their own, known by the title.
/// No role fact is made: it would say nothing that the title does not.
fn offices_as_people(a: &mut Analysis<'_>) {
    // (mention tokens with any "the", title tokens, the person it is in apposition to)
    let mut found: Vec<(
        std::ops::Range<usize>,
        std::ops::Range<usize>,
        Option<EntityId>,
    )> = Vec::new();
    for sentence in a.sentences.clone() {
        let mut i = sentence.start;
        while i < sentence.end {
            let next = i + 1;
            // "Virginia's Attorney General", "the United Nations Secretary-General": the
            // organisation or place first, then the title.
            let owner = (i > sentence.start)
                .then(|| match org_before(a, i) {
                    Some((OrgRef::Entity(_), start)) if start >= sentence.start => Some(start),
                    _ => None,
                })
                .flatten();
            // "Mr. President", "Madam Speaker": a person addressed by the title.
            let honorific = (i > sentence.start + 1 && a.raw(i - 1) == ".")
                .then(|| i - 2)
                .or_else(|| (i > sentence.start).then(|| i - 1))
                .filter(|&h| {
                    matches!(
                        a.word(h),
                        "mr" | "mister" | "madam" | "madame" | "mrs" | "ms"
                    )
                });
            // Not inside a longer name or compound ("Lord President", "Director-General"),
            // and not the office someone seeks ("the nominee for Governor of Ohio").
            let skip = !a.is_capitalized(i)
                || (i > sentence.start && a.word(i - 1) == "for")
                || a.mention_at[i].is_some()
                || (owner.is_none()
                    && honorific.is_none()
                    && i > sentence.start
                    && ((a.is_capitalized(i - 1) && a.word(i - 1) != "the")
                        || a.raw(i - 1) == "-"));
            let Some((end, _)) = (!skip)
                .then(|| role_end(a, i, sentence.end))
                .flatten()
                .filter(|&(end, _)| {
                    (i..end).all(|k| {
                        a.mention_at[k].is_none()
                            && (a.is_capitalized(k) || !a.word(k).chars().any(char::is_alphabetic))
                    })
                })
            else {
                i = next;
                continue;
            };
            if let Some(h) = honorific {
                if !a.is_capitalized(end) && a.mention_at[h].is_none() {
                    found.push((h..end, h..end, None));
                    i = end;
                    continue;
                }
            }
            if let Some(start) = owner {
                // A title before a name is that person's ("NASA Administrator Charles Bolden").
                if !a.is_capitalized(end) && !matches!(a.word(end), "of" | "for") {
                    let from = with_article(a, sentence.start, start);
                    let beside = in_apposition(a, sentence.start, from, end);
                    found.push((from..end, start..end, beside));
                    i = end;
                    continue;
                }
                if a.is_capitalized(i - 1) {
                    i = next;
                    continue;
                }
            }
            if !matches!(a.word(end), "of" | "for") {
                i = next;
                continue;
            }
            let office = mention_starting(a, end + 1).filter(|&(_, id)| is_org_like(a, id));
            let Some(last) = office.map(|(last, _)| last) else {
                i = next;
                continue;
            };
            if a.is_capitalized(last) {
                // "President of France Emmanuel Macron": a title before a name.
                i = next;
                continue;
            }
            let from = with_article(a, sentence.start, i);
            let beside = in_apposition(a, sentence.start, from, last)
                // "Chairman of the Board and CEO of the Centre": the same person's titles.
                .or_else(|| match found.last() {
                    Some((before, _, beside))
                        if before.end + 1 == from && a.word(from - 1) == "and" =>
                    {
                        *beside
                    }
                    _ => None,
                });
            found.push((from..last, i..last, beside));
            i = last;
        }
    }
    for (range, title, beside) in found {
        let person = beside.unwrap_or_else(|| {
            let label = a.text_of(title.clone()).to_string();
            a.entity(EntityKind::Person, &a.key_of(title), &label, None)
        });
        a.add_mention(range, person);
    }
}

/// Token `k`, or the "the" just before it in its sentence.
fn with_article(a: &Analysis<'_>, sentence_start: usize, k: usize) -> usize {
    if k > sentence_start && a.word(k - 1) == "the" {
        k - 1
    } else {
        k
    }
}

/// The person a title over tokens `from..end` stands in apposition to: "Maria Lopez, Chairman
/// of the Board" or "the Governor of Texas, Ann Ross".
fn in_apposition(
    a: &Analysis<'_>,
    sentence_start: usize,
    from: usize,
    end: usize,
) -> Option<EntityId> {
    (from > sentence_start && a.raw(from - 1) == ",")
        .then(|| person_ending_before(a, from - 1).map(|(p, _)| p))
        .flatten()
        .or_else(|| {
            (a.raw(end) == ",")
                .then(|| person_at(a, end + 1).map(|(p, _)| p))
                .flatten()
        })
}

/// "The minister", "the President": a title after "the", with no name after it, is a mention of
/// the one person the document has already said holds that office ("Foreign Minister Ana Lopes
/// … The minister said"). So is a capitalised title after "as" ("as Governor, he …"), and a
/// title with the organisation it belongs to ("the Governor of Virginia", "as President of the
/// Society") when that is the holder's organisation. When no one or several people hold it,
/// nothing is resolved.
fn definite_titles(a: &mut Analysis<'_>) {
    let holders: Vec<(usize, EntityId, String, EntityId)> = a
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::HoldsRole(h) => Some((h.sentence, h.person, h.role.clone(), h.organization)),
            _ => None,
        })
        .collect();
    if holders.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for s in 0..a.sentences.len() {
        let sentence = a.sentences[s].clone();
        for i in sentence.start..sentence.end.saturating_sub(1) {
            let title_start = match a.word(i) {
                "the" => i + 1,
                // Not "for": "the nominee for Governor" names the office, not its holder.
                "as" if a.is_capitalized(i + 1) => i + 1,
                _ => continue,
            };
            if a.mention_at[title_start].is_some() {
                continue;
            }
            let Some((mut end, label)) = role_end(a, title_start, sentence.end) else {
                continue;
            };
            // "of Virginia", "of the Society": the organisation the title belongs to.
            let mut organization = None;
            if a.is_capitalized(title_start) && matches!(a.word(end), "of" | "for") {
                if let Some((last, id)) = mention_starting(a, end + 1) {
                    organization = Some(id);
                    end = last;
                }
            }
            // A name, an "of" or an organisation after the title: a title of someone else or
            // a description, not a reference back.
            if a.is_capitalized(end)
                || (organization.is_none() && matches!(a.word(end), "of" | "for" | "at" | "to"))
                || (title_start..end).any(|k| a.mention_at[k].is_some() && organization.is_none())
            {
                continue;
            }
            let suffix = format!(" {label}");
            let mut people: Vec<EntityId> = holders
                .iter()
                .filter(|(at, _, role, org)| {
                    *at <= s
                        && (*role == label || role.ends_with(&suffix))
                        && organization.is_none_or(|o| o == *org)
                })
                .map(|(_, person, _, _)| *person)
                .collect();
            people.sort_unstable_by_key(|p| p.0);
            people.dedup();
            if let [person] = people[..] {
                let from = if a.word(i) == "the" { i } else { title_start };
                found.push((from..end, person));
            }
        }
    }
    for (range, person) in found {
        a.add_mention(range, person);
    }
}

/// "Ukraine's National Security and Defense Council": the council is in Ukraine.
fn located_in_by_possessive(a: &mut Analysis<'_>) {
    for m in 0..a.found.len() {
        let (range, inner) = (a.found[m].tokens.clone(), a.found[m].entity);
        if a.entity_data(inner).kind != EntityKind::Organization
            || range.start < 2
            || !a.is_possessive(range.start - 1)
        {
            continue;
        }
        let Some(outer) = a.mention(range.start - 2).map(|o| o.entity) else {
            continue;
        };
        if a.entity_data(outer).kind == EntityKind::Place {
            let evidence = a.span_of(range.start - 2..range.end);
            let sentence = a.sentence_of[range.start];
            a.facts.push(Fact::LocatedIn(LocatedIn {
                inner,
                outer,
                evidence,
                sentence,
                confidence: Confidence::new(0.8),
            }));
        }
    }
}

fn is_org_like(a: &Analysis<'_>, id: EntityId) -> bool {
    matches!(
        a.entity_data(id).kind,
        EntityKind::Organization | EntityKind::Place
    )
}

/// The mention that starts at token `k`, or right after a "the" there ("of the Council"): where
/// it ends (exclusive) and its entity.
fn mention_starting(a: &Analysis<'_>, k: usize) -> Option<(usize, EntityId)> {
    let k = if a.word(k) == "the" { k + 1 } else { k };
    let m = a.mention(k)?;
    (m.tokens.start == k).then_some((m.tokens.end, m.entity))
}

/// The mention that ends just before token `k` (exclusive), if any.
fn mention_ending_before(a: &Analysis<'_>, k: usize) -> Option<(usize, EntityId)> {
    let m = a.mention(k.checked_sub(1)?)?;
    // "pro-Beijing councillor": a name inside a hyphenated modifier owns nothing.
    let start = m.tokens.start;
    let hyphenated = start >= 1
        && a.raw(start - 1) == "-"
        && a.tokens[start - 1].span.end == a.tokens[start].span.start;
    (m.tokens.end == k && !hyphenated).then_some((m.tokens.start, m.entity))
}

/// Role heads that are occupations, held in no nation: a demonym before them is a nationality.
const OCCUPATIONS: &[&str] = &[
    "analyst",
    "anchor",
    "barrister",
    "cleric",
    "columnist",
    "commentator",
    "correspondent",
    "doctor",
    "economist",
    "editor",
    "host",
    "journalist",
    "lawyer",
    "lecturer",
    "monk",
    "nurse",
    "pastor",
    "presenter",
    "priest",
    "producer",
    "professor",
    "publisher",
    "rabbi",
    "reporter",
    "researcher",
    "reverend",
    "scientist",
];

/// The organisation written just before a role starting at `r0`, and where that reference starts.
fn org_before(a: &Analysis<'_>, r0: usize) -> Option<(OrgRef, usize)> {
    if let Some((start, id)) = mention_ending_before(a, r0).filter(|(_, id)| is_org_like(a, *id)) {
        return Some((OrgRef::Entity(id), start));
    }
    if r0 >= 2 && a.is_possessive(r0 - 1) {
        if let Some((start, id)) =
            mention_ending_before(a, r0 - 1).filter(|(_, id)| is_org_like(a, *id))
        {
            return Some((OrgRef::Entity(id), start));
        }
        if r0 >= 3 && PERSONAL_POSSESSIVES.contains(&a.word(r0 - 3)) {
            let own = match a.word(r0 - 2) {
                "country" | "nation" => Some(Own::Country),
                "party" => Some(Own::Party),
                _ => None,
            };
            if let Some(own) = own {
                return Some((OrgRef::PersonsOwn(r0 - 3, r0 - 1, own), r0 - 3));
            }
        }
    }
    if r0 >= 1 && a.mention_at[r0 - 1].is_none() && a.lexicon.demonym(a.word(r0 - 1)).is_some() {
        return Some((OrgRef::Demonym(r0 - 1), r0 - 1));
    }
    None
}

/// A person mention starting at token `k`.
fn person_at(a: &Analysis<'_>, k: usize) -> Option<(EntityId, usize)> {
    let m = a.mention(k)?;
    (m.tokens.start == k && a.entity_data(m.entity).kind == EntityKind::Person)
        .then_some((m.entity, m.tokens.end))
}

/// A person mention ending just before token `k`.
fn person_ending_before(a: &Analysis<'_>, k: usize) -> Option<(EntityId, usize)> {
    mention_ending_before(a, k)
        .filter(|(_, id)| a.entity_data(*id).kind == EntityKind::Person)
        .map(|(s, id)| (id, s))
}

fn role_fact(
    a: &Analysis<'_>,
    sentence: usize,
    r0: usize,
    r1: usize,
    role: String,
) -> Option<Candidate> {
    let role_text = a.text_of(r0..r1).to_string();
    // "French physician", "a Pentecostal pastor": before an occupation a demonym or creed
    // only says where someone is from; a nation has ministers, not doctors.
    let occupation = role
        .rsplit(' ')
        .next()
        .is_some_and(|head| OCCUPATIONS.contains(&head));
    let before =
        org_before(a, r0).filter(|(o, _)| !(occupation && matches!(o, OrgRef::Demonym(_))));
    let np_start = before.map_or(r0, |(_, s)| s);
    let mut det = np_start;
    while det > 0 && DETERMINERS.contains(&a.word(det - 1)) {
        det -= 1;
    }
    if det > 0
        && (NOT_CURRENT.contains(&a.word(det - 1))
            || NOT_CURRENT.contains(&a.word(r0.saturating_sub(1))))
    {
        return None;
    }
    let mut org = before.map(|(o, _)| o);
    let mut span_end = r1;
    let mut person = None;
    let mut rule = "";
    let mut confidence = 0.9;

    // Premodifier or possessive title: "Foreign Minister Hakan Fidan", "Türkiye's chief, Ibrahim Kalın",
    // also past a destination: "Canada's ambassador to Japan, Martin Leclerc".
    let mut k = r1;
    if matches!(a.word(k), "to" | "for") && org.is_some() {
        if let Some((last, _)) = mention_starting(a, k + 1).filter(|&(_, id)| is_org_like(a, id)) {
            k = last;
        }
    }
    if a.raw(k) == "," {
        k += 1;
    }
    if let Some((p, end)) = person_at(a, k) {
        person = Some(p);
        span_end = end;
        rule = if matches!(org, Some(OrgRef::Entity(_))) && a.is_possessive(r0 - 1) {
            "possessive"
        } else {
            "premodifier"
        };
        // "Foreign Minister Hakan Fidan of Türkiye".
        if org.is_none() && a.word(end) == "of" {
            if let Some(m) = a
                .mention(end + 1)
                .filter(|m| m.tokens.start == end + 1 && is_org_like(a, m.entity))
            {
                org = Some(OrgRef::Entity(m.entity));
                span_end = m.tokens.end;
            }
        }
    }
    // "… of ORG": "secretary of the Council", "the President of France, Emmanuel Macron".
    if org.is_none() && matches!(a.word(r1), "of" | "at") {
        if let Some((last, id)) = mention_starting(a, r1 + 1).filter(|&(_, id)| is_org_like(a, id))
        {
            org = Some(OrgRef::Entity(id));
            span_end = last;
            if person.is_none() {
                let mut k = last;
                if a.raw(k) == "," {
                    k += 1;
                }
                if let Some((p, end)) = person_at(a, k) {
                    person = Some(p);
                    span_end = end;
                    rule = "of-apposition";
                    confidence = 0.85;
                }
            }
        }
    }
    let mut span_start = np_start.min(det);
    // A person before the title: apposition, relative clause or copula.
    if person.is_none() {
        let mut k = det;
        while k > 0 && ADVERBS.contains(&a.word(k - 1)) {
            k -= 1;
        }
        if k > 0 && a.raw(k - 1) == "," {
            if let Some((p, start)) = person_ending_before(a, k - 1) {
                person = Some(p);
                span_start = start;
                rule = "apposition";
                confidence = 0.8;
            }
        } else if k > 0
            && (COPULAS.contains(&a.word(k - 1))
                || (a.word(k - 1) == "as" && k > 1 && COPULAS.contains(&a.word(k - 2))))
        {
            let mut c = k - 1;
            if a.word(c) == "as"
                || (a.word(c) == "been" && c > 0 && matches!(a.word(c - 1), "has" | "had" | "have"))
            {
                c -= 1;
            }
            if c > 0 && a.word(c - 1) == "who" {
                if c > 1 && a.raw(c - 2) == "," {
                    if let Some((p, start)) = person_ending_before(a, c - 2) {
                        person = Some(p);
                        span_start = start;
                        rule = "relative-clause";
                        confidence = 0.8;
                    }
                }
            } else if let Some((p, start)) = person_ending_before(a, c) {
                person = Some(p);
                span_start = start;
                rule = "copula";
                confidence = 0.75;
            }
        }
    }
    let person = person?;
    let org = org?;
    Some(Candidate {
        person,
        role,
        role_text,
        org,
        evidence: a.span_of(span_start..span_end),
        sentence,
        confidence,
        rule,
    })
}

/// Turn candidates into facts: demonyms become their country, "his country" becomes the country
/// of the person's other offices (or of the organisations they serve in).
fn resolve(a: &mut Analysis<'_>, candidates: Vec<Candidate>) {
    let mut deferred = Vec::new();
    for c in candidates {
        let org = match c.org {
            OrgRef::Entity(id) => id,
            OrgRef::Demonym(k) => {
                let Some(country) = a.lexicon.demonym(a.word(k)).map(str::to_string) else {
                    continue;
                };
                let id = a.entity(
                    EntityKind::Place,
                    &crate::fold::fold(&country),
                    &country,
                    Some(PlaceType::Country),
                );
                let surface = a.raw(k);
                a.add_alias(id, surface, kg_model::MergeRule::CountryAlias);
                a.add_mention(k..k + 1, id);
                id
            }
            OrgRef::PersonsOwn(..) => {
                deferred.push(c);
                continue;
            }
        };
        push_role(a, &c, org, c.rule.to_string(), c.confidence);
    }
    for c in deferred {
        let OrgRef::PersonsOwn(start, end, own) = c.org else {
            continue;
        };
        let (resolved, how) = match own {
            Own::Country => (country_of_person(a, c.person), "possessive-country"),
            Own::Party => (party_of_person(a, c.person), "possessive-party"),
        };
        let Some(org) = resolved else { continue };
        let surface = a.text_of(start..end).to_string();
        a.add_alias(org, &surface, how_rule(own));
        a.add_mention(start..end, org);
        push_role(a, &c, org, format!("{}+{how}", c.rule), c.confidence * 0.9);
    }
}

fn push_role(a: &mut Analysis<'_>, c: &Candidate, org: EntityId, rule: String, confidence: f32) {
    let duplicate = a.facts.iter().any(|f| matches!(f, Fact::HoldsRole(h) if h.person == c.person && h.role == c.role && h.organization == org));
    if duplicate {
        return;
    }
    a.facts.push(Fact::HoldsRole(HoldsRole {
        person: c.person,
        role: c.role.clone(),
        role_text: c.role_text.clone(),
        organization: org,
        evidence: c.evidence,
        sentence: c.sentence,
        confidence: Confidence::new(confidence),
        rule,
    }));
}

fn how_rule(own: Own) -> kg_model::MergeRule {
    match own {
        Own::Country => kg_model::MergeRule::PossessiveCountry,
        Own::Party => kg_model::MergeRule::PossessiveParty,
    }
}

/// The party a person holds an office in (an organisation whose name ends in "Party").
fn party_of_person(a: &Analysis<'_>, person: EntityId) -> Option<EntityId> {
    a.facts.iter().find_map(|f| match f {
        Fact::HoldsRole(h)
            if h.person == person && a.entity_data(h.organization).key.ends_with("party") =>
        {
            Some(h.organization)
        }
        _ => None,
    })
}

/// The country a person serves: a country they hold an office of, or the country of an
/// organisation they hold an office in.
fn country_of_person(a: &Analysis<'_>, person: EntityId) -> Option<EntityId> {
    let orgs: Vec<EntityId> = a
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::HoldsRole(h) if h.person == person => Some(h.organization),
            _ => None,
        })
        .collect();
    let is_country = |id: EntityId| a.entity_data(id).place_type == Some(PlaceType::Country);
    orgs.iter().copied().find(|&o| is_country(o)).or_else(|| {
        orgs.iter().find_map(|&o| {
            a.facts.iter().find_map(|f| match f {
                Fact::LocatedIn(l) if l.inner == o && is_country(l.outer) => Some(l.outer),
                _ => None,
            })
        })
    })
}
