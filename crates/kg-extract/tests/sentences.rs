//! The sentence suite: short news-style sentences written for kg, each with the role facts,
//! meetings or named entities it must (or must not) give. Every pattern of the role and meeting
//! machinery has cases here, over several kinds of organisation, plus negative cases.

use kg_extract::Extractor;
use kg_model::{Document, EntityKind, Extraction, Fact};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fn extract(text: &str) -> Extraction {
    extractor().extract(&Document::new("test.txt", text))
}

fn label(ex: &Extraction, id: kg_model::EntityId) -> String {
    ex.entity(id).map(|e| e.label.clone()).unwrap_or_default()
}

/// (person, role, organisation) labels of every role fact.
fn roles(text: &str) -> Vec<(String, String, String)> {
    let ex = extract(text);
    let mut out: Vec<_> = ex
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::HoldsRole(h) => Some((
                label(&ex, h.person),
                h.role.clone(),
                label(&ex, h.organization),
            )),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

fn role(person: &str, role: &str, org: &str) -> (String, String, String) {
    (person.to_string(), role.to_string(), org.to_string())
}

/// Each case: a sentence and the exact role facts it must give (empty = must give none).
/// (person, role, organisation) as written in a case.
type RoleTriple = (&'static str, &'static str, &'static str);

const ROLE_CASES: &[(&str, &[RoleTriple])] = &[
    // Premodifier titles with a demonym.
    ("The German Defence Minister Boris Keller arrived in Warsaw on Monday.", &[("Boris Keller", "defence minister", "Germany")]),
    ("French President Amélie Durand said the plan was fair.", &[("Amélie Durand", "president", "France")]),
    ("Kenyan Interior Minister Joseph Mwangi toured the northern border.", &[("Joseph Mwangi", "interior minister", "Kenya")]),
    ("Talks were led by Canadian Trade Minister Olivia Grant and her staff.", &[("Olivia Grant", "trade minister", "Canada")]),
    // A country name before the title.
    ("Talks went well, US President Joe Martin said.", &[("Joe Martin", "president", "United States")]),
    // An Arabic article joined by a hyphen stays in the name.
    ("Interior Ministry spokesman Khalid al-Rashed said the border would reopen.", &[("Khalid al-Rashed", "spokesperson", "Interior Ministry")]),
    // A well-known organisation (no organisation word) before the title.
    ("At the launch, NASA Administrator Dana Whitfield thanked the crews.", &[("Dana Whitfield", "administrator", "NASA")]),
    ("Reuters correspondent Tomas Lind filed the story from Riga.", &[("Tomas Lind", "correspondent", "Reuters")]),
    // Premodifier with "of" after the name.
    ("Foreign Minister Rui Almeida of Portugal opened the conference.", &[("Rui Almeida", "foreign minister", "Portugal")]),
    // Possessive, with and without the comma, straight and curly apostrophes.
    ("Japan's finance minister, Kenji Sato, warned of new risks.", &[("Kenji Sato", "finance minister", "Japan")]),
    ("Brazil’s foreign minister Lucas Pereira flew to Lisbon.", &[("Lucas Pereira", "foreign minister", "Brazil")]),
    ("Egypt's intelligence chief, Omar Nabil, arrived late.", &[("Omar Nabil", "intelligence chief", "Egypt")]),
    ("Acme Corporation's chief executive, Laura Chen, resigned on Friday.", &[("Laura Chen", "chief executive", "Acme Corporation")]),
    // Multi-word bodies before the title.
    ("Georgia's State Security Council secretary Nino Beridze gave a briefing.", &[("Nino Beridze", "secretary", "State Security Council")]),
    ("Health Ministry spokesman Ali Karimi denied the report.", &[("Ali Karimi", "spokesperson", "Health Ministry")]),
    ("Labour Party leader Sam Whitfield conceded on Sunday night.", &[("Sam Whitfield", "leader", "Labour Party")]),
    ("The Ministry of Defence spokesperson, Claire Dunn, declined to comment.", &[("Claire Dunn", "spokesperson", "Ministry of Defence")]),
    ("Riverside Football Club coach Dan Hale praised his players.", &[("Dan Hale", "coach", "Riverside Football Club")]),
    ("Central Bank governor Ines Moreau kept rates unchanged.", &[("Ines Moreau", "governor", "Central Bank")]),
    // Apposition after the name.
    ("Maria Lopez, the secretary of the Fisheries Commission, opened the session.", &[("Maria Lopez", "secretary", "Fisheries Commission")]),
    ("Ahmed Saleh, Egypt's ambassador to Germany, presented his credentials.", &[("Ahmed Saleh", "ambassador", "Egypt")]),
    ("Tom Baker, leader of the Liberal Party, conceded defeat.", &[("Tom Baker", "leader", "Liberal Party")]),
    ("Priya Raman, director of the National Museum, unveiled the collection.", &[("Priya Raman", "director", "National Museum")]),
    // Unknown given names and company names are typed by the apposition itself.
    ("Selin Arslan, the chief executive of Karadeniz Logistics, said the company would add two ferries.", &[("Selin Arslan", "chief executive", "Karadeniz Logistics")]),
    // "ROLE of ORG, PERSON".
    ("The President of Ghana, Kwame Asante, opened the summit.", &[("Kwame Asante", "president", "Ghana")]),
    ("The chief executive of Northwind Airlines, Paula Grant, apologised to passengers.", &[("Paula Grant", "chief executive", "Northwind Airlines")]),
    // Relative clauses and copulas.
    ("Elena Petrova, who is also Bulgaria's deputy prime minister, spoke first.", &[("Elena Petrova", "deputy prime minister", "Bulgaria")]),
    ("Peter Lang is the mayor of Vienna.", &[("Peter Lang", "mayor", "Vienna")]),
    ("Hana Kim was the ambassador of South Korea at the time.", &[("Hana Kim", "ambassador", "South Korea")]),
    // "his/her country": the country of the person's other office.
    (
        "Ghana's finance minister Ama Owusu, who is also her country's chief negotiator with the lenders, arrived on Monday.",
        &[("Ama Owusu", "chief negotiator", "Ghana"), ("Ama Owusu", "finance minister", "Ghana")],
    ),
    (
        "Chile's Economic Council secretary Diego Soto, who is also his country's top negotiator, signed the deal.",
        &[("Diego Soto", "secretary", "Economic Council"), ("Diego Soto", "top negotiator", "Chile")],
    ),
    // A destination between the title and the name.
    ("Spain's ambassador to Mexico, Lucia Ortega, presented her credentials.", &[("Lucia Ortega", "ambassador", "Spain")]),
    // "his party's": the party of the person's other office.
    (
        "Tom Reed, the leader of the Green Party, spoke first. Reed, who is also his party's spokesman for energy, took questions.",
        &[("Tom Reed", "leader", "Green Party"), ("Tom Reed", "spokesperson", "Green Party")],
    ),
    // Alternative country names and demonyms become one canonical country.
    ("Turkey's foreign minister, Selin Aydin, met the press.", &[("Selin Aydin", "foreign minister", "Türkiye")]),
    ("The Turkish Energy Minister Murat Kaya spoke in Baku.", &[("Murat Kaya", "energy minister", "Türkiye")]),
    // Negative cases: no organisation, not current, not a role, or no person.
    ("The minister said the talks were useful.", &[]),
    ("Secretary Jane Holt arrived late.", &[]),
    ("Former Italian Prime Minister Marco Rossi wrote a memoir.", &[]),
    ("The chief of the village said nothing.", &[]),
    ("Many ministers attended the summit in Paris.", &[]),
    ("The company's director, Tim Ray, declined to comment.", &[]),
    ("Analysts in London expect the central bank to act.", &[]),
    ("She met the president on Tuesday.", &[]),
    ("Paris is the capital of France.", &[]),
    ("The ambassador thanked the hosts.", &[]),
    ("The pro-Moscow district councillor Anton Belov won the seat.", &[]),
];

#[test]
fn role_sentences() {
    let mut failures = Vec::new();
    for (text, expected) in ROLE_CASES {
        let mut want: Vec<_> = expected.iter().map(|(p, r, o)| role(p, r, o)).collect();
        want.sort();
        let got = roles(text);
        if got != want {
            failures.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} role sentences failed:\n{}",
        failures.len(),
        ROLE_CASES.len(),
        failures.join("\n")
    );
}

/// (participants, place, time text, topics) of every meeting.
/// Participants, place, time phrase and topics of a meeting, as labels.
type MeetingSummary = (Vec<String>, Option<String>, Option<String>, Vec<String>);

fn meetings(text: &str) -> Vec<MeetingSummary> {
    let ex = extract(text);
    ex.facts
        .iter()
        .filter_map(|f| match f {
            Fact::Meeting(m) => {
                let mut people: Vec<String> =
                    m.participants.iter().map(|p| label(&ex, *p)).collect();
                people.sort();
                let topics = m.topics.iter().map(|t| label(&ex, *t)).collect();
                Some((
                    people,
                    m.place.map(|p| label(&ex, p)),
                    m.time.as_ref().map(|t| t.text.clone()),
                    topics,
                ))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn meeting_with_place_time_and_split_topics() {
    let got = meetings(
        "Foreign Minister Rui Almeida met with his Spanish counterpart Carmen Vidal in Madrid on Tuesday. \
         The two ministers discussed fishing quotas, energy security and plans for a new rail link.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let (people, place, time, topics) = &got[0];
    assert_eq!(people, &["Carmen Vidal", "Rui Almeida"]);
    assert_eq!(place.as_deref(), Some("Madrid"));
    assert_eq!(time.as_deref(), Some("on Tuesday"));
    assert_eq!(
        topics,
        &[
            "fishing quotas",
            "energy security",
            "plans for a new rail link"
        ]
    );
}

#[test]
fn held_talks_and_topic_sentence() {
    let got = meetings(
        "Prime Minister Anna Berg held talks with Chancellor Felix Wagner in Berlin. \
         Another key topic was the future of the steel industry.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, ["Anna Berg", "Felix Wagner"]);
    assert_eq!(got[0].1.as_deref(), Some("Berlin"));
    assert_eq!(got[0].3, ["future of the steel industry"]);
}

#[test]
fn hosted_meeting_and_named_subject_topics() {
    let got = meetings(
        "President Kwame Asante hosted Senator Lisa Moreno in Accra. \
         Asante and Moreno reviewed the security situation in the region and the issue of cocoa prices.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, ["Kwame Asante", "Lisa Moreno"]);
    assert_eq!(got[0].3, ["security situation", "cocoa prices"]);
}

#[test]
fn two_meetings_stay_apart() {
    let got = meetings(
        "Envoy Mark Stone met Premier Li Wen in Beijing on Monday. \
         The visit came after Stone met the Japanese Foreign Minister Aiko Tanaka earlier in the day.",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, ["Li Wen", "Mark Stone"]);
    assert_eq!(got[1].0, ["Aiko Tanaka", "Mark Stone"]);
    assert_eq!(got[1].2.as_deref(), Some("earlier in the day"));
}

#[test]
fn no_meeting_without_two_participants() {
    assert!(meetings("Foreign Minister Rui Almeida visited Berlin on Monday.").is_empty());
    assert!(meetings("The committee met on Monday to discuss the budget.").is_empty());
    assert!(meetings("Nobody discussed the weather.").is_empty());
    // A plan is not a meeting, and a dateline city does not take part in anything.
    assert!(meetings("CHISINAU, April 20, 2025 — The National Energy Regulatory Commission (NERC) said on Sunday that it would open talks with Turkish officials.").is_empty());
    assert!(
        meetings("Foreign Minister Rui Almeida will meet Chancellor Felix Wagner in Berlin.")
            .is_empty()
    );
}

#[test]
fn relative_dates_resolve_against_dateline() {
    let ex = extractor().extract(&Document::new(
        "dated.txt",
        "Ministers meet in Oslo\nTuesday, March 3, 2026\nEnvoy Mark Stone met Premier Li Wen in Oslo on Monday.",
    ));
    assert_eq!(ex.date.as_deref(), Some("2026-03-03"));
    let time = ex.facts.iter().find_map(|f| match f {
        Fact::Meeting(m) => m.time.clone(),
        _ => None,
    });
    assert_eq!(time.and_then(|t| t.date).as_deref(), Some("2026-03-02"));
}

fn names(text: &str, kind: EntityKind) -> Vec<String> {
    let ex = extract(text);
    let mut out: Vec<String> = ex
        .entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.label.clone())
        .collect();
    out.sort();
    out
}

/// Fails, naming what is missing, unless every expected (kind, text) is among the mentions.
fn assert_has(mentions: &[(EntityKind, &str)], expected: &[(EntityKind, &str)]) {
    for e in expected {
        assert!(mentions.contains(e), "{e:?} missing from {mentions:?}");
    }
}

/// Fails, naming what is missing, unless the mentions found in `text` include every expected
/// (kind, text).
fn assert_finds(text: &str, expected: &[(EntityKind, &str)]) {
    let ex = extract(text);
    assert_has(&kinds_and_texts(&ex), expected);
}

/// (kind, text) of every mention, in order.
fn kinds_and_texts(ex: &Extraction) -> Vec<(EntityKind, &str)> {
    ex.mentions
        .iter()
        .map(|m| (m.kind, m.text.as_str()))
        .collect()
}

#[test]
fn surnames_join_full_names_and_places_are_not_people() {
    let text = "Minister Olga Ivanova arrived in Kyiv. Ivanova later flew to Moscow with Deputy Minister Pavel Orlov. Orlov stayed.";
    assert_eq!(
        names(text, EntityKind::Person),
        ["Olga Ivanova", "Pavel Orlov"]
    );
    assert_eq!(names(text, EntityKind::Place), ["Kyiv", "Moscow"]);
}

#[test]
fn acronyms_join_their_expansion() {
    let text = "The National Energy Regulatory Commission issued a ruling. The NERC said prices would rise.";
    let ex = extract(text);
    let orgs: Vec<_> = ex
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
        .collect();
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    assert_eq!(
        ex.mentions
            .iter()
            .filter(|m| m.entity == orgs[0].id)
            .count(),
        2
    );
}

#[test]
fn spans_are_exact_bytes() {
    let text = "Türkiye’s envoy, Zoë Kalın, met Ukraine’s defence minister Ivan Bondar in Kyiv.";
    let ex = extract(text);
    assert!(!ex.mentions.is_empty());
    for m in &ex.mentions {
        assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
    }
}

#[test]
fn talks_on_topics_and_paragraph_datelines() {
    let ex = extractor().extract(&Document::new(
        "berlin.txt",
        "Ministers agree on rail plan\nBERLIN, March 5, 2026 — Transport Minister Jan Vogel hosted Minister Eva Lind in Berlin on Thursday. \
         Vogel and Lind held talks on rail freight and cross-border tickets, the ministry said.",
    ));
    assert_eq!(ex.date.as_deref(), Some("2026-03-05"));
    let (time, topics) = ex
        .facts
        .iter()
        .find_map(|f| match f {
            Fact::Meeting(m) => Some((
                m.time.clone(),
                m.topics.iter().map(|t| label(&ex, *t)).collect::<Vec<_>>(),
            )),
            _ => None,
        })
        .expect("a meeting");
    assert_eq!(
        time.map(|t| (t.text, t.date)),
        Some(("on Thursday".to_string(), Some("2026-03-05".to_string())))
    );
    assert_eq!(topics, ["rail freight", "cross-border tickets"]);
}

#[test]
fn titles_name_their_holders_and_initials_stay_in_names() {
    let text = "Lena Marsh, the Transport Ministry Spokesperson, said the line would reopen. \
                Ohio's Attorney General had asked for it, and President John F. Kennedy once rode it \
                with O.J. Darrow.";
    // A title with its organisation names a person: the one beside it ("Lena Marsh, the
    // Transport Ministry Spokesperson"), else the office holder, known by the title.
    assert_eq!(
        names(text, EntityKind::Person),
        [
            "John F. Kennedy",
            "Lena Marsh",
            "O.J. Darrow",
            "Ohio's Attorney General"
        ]
    );
    assert!(names(text, EntityKind::Place).contains(&"Ohio".to_string()));
}

#[test]
fn well_known_organisations_need_no_organisation_word() {
    let text = "Engineers from Siemens and NASA spoke to Reuters about the probe. \
                Who paid for it? WHO did, through the Google Science Fair.";
    let orgs = names(text, EntityKind::Organization);
    for org in ["Siemens", "NASA", "Reuters", "WHO", "Google"] {
        assert!(
            orgs.contains(&org.to_string()),
            "{org} missing from {orgs:?}"
        );
    }
    assert!(!orgs.iter().any(|o| o == "Who"), "{orgs:?}");
}

#[test]
fn one_reading_per_name_in_a_document() {
    // The second, context-free "Vardanyan" takes the reading the first occurrence gives.
    let text = "Vardanyan said the talks had failed. Later that day, Vardanyan left for Yerevan.";
    let ex = extract(text);
    let people: Vec<_> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(people, ["Vardanyan", "Vardanyan"]);
}

#[test]
fn party_names_with_a_small_party() {
    let text = "She left the Conservative party in 2019, and the Christmas party was cancelled.";
    assert_eq!(
        names(text, EntityKind::Organization),
        ["Conservative party"]
    );
}

#[test]
fn people_of_organisations_and_organisations_side_by_side() {
    let text = "Army major Tom Hale of the Irish Defence Forces met the Bank of England and the \
                University of Oslo. A psychology major at the University of Ohio, Dana Reed, watched.";
    assert_eq!(names(text, EntityKind::Person), ["Dana Reed", "Tom Hale"]);
    assert_eq!(
        names(text, EntityKind::Organization),
        [
            "Bank of England",
            "Irish Defence Forces",
            "University of Ohio",
            "University of Oslo"
        ]
    );
    // "major" in "a psychology major" is a subject of study, not a rank.
    let facts = roles(text);
    assert!(
        !facts.iter().any(|(person, _, _)| person == "Dana Reed"),
        "{facts:?}"
    );
}

#[test]
fn a_short_name_is_the_organisation_named_in_full() {
    let text = "Lars Berg, the chairman of Fjellby Rowing Club, spoke first. \
                Fjellby Rowing's coach, Ida Vik, spoke after him.";
    assert_eq!(
        roles(text),
        [
            role("Ida Vik", "coach", "Fjellby Rowing Club"),
            role("Lars Berg", "chair", "Fjellby Rowing Club")
        ]
    );
    let ex = extract(text);
    let club = ex
        .entities
        .iter()
        .find(|e| e.label == "Fjellby Rowing Club")
        .expect("the club");
    assert!(club
        .aliases
        .iter()
        .any(|a| a.text == "Fjellby Rowing" && a.rule == kg_model::MergeRule::ShortName));
}

#[test]
fn names_inside_event_names_and_groups_of_people() {
    let text =
        "Delegates at the NATO Vilnius Summit said many Kenyans and Democrats backed the plan, \
                while Jews and Muslims in the city marched together.";
    let ex = extract(text);
    let mentions = kinds_and_texts(&ex);
    assert_has(
        &mentions,
        &[
            (EntityKind::Organization, "NATO"),
            (EntityKind::Place, "Vilnius"),
            (EntityKind::Person, "Kenyans"),
            (EntityKind::Person, "Democrats"),
            (EntityKind::Person, "Jews"),
            (EntityKind::Person, "Muslims"),
        ],
    );
    // The summit itself is an event, not a person, organisation or place.
    assert!(
        !mentions.iter().any(|(_, t)| t.contains("Summit")),
        "{mentions:?}"
    );
    // An adjective of nation stays no name ("German" in "German officials").
    let adjectives = extract("German officials agreed.");
    assert!(adjectives.mentions.is_empty(), "{:?}", adjectives.mentions);
}

#[test]
fn a_surname_shared_in_a_family_goes_to_the_one_named_most() {
    let text = "Anton Verhoeven was born in Ghent. His father, Pieter Verhoeven, was a baker. \
                Anton Verhoeven studied in Leuven, and Anton Verhoeven later taught there. \
                Verhoeven died in 1901.";
    let ex = extract(text);
    let last = ex
        .mentions
        .iter()
        .rev()
        .find(|m| m.text == "Verhoeven")
        .expect("the lone surname is a mention");
    assert_eq!(label(&ex, last.entity), "Anton Verhoeven");
    // Named in full equally often: a person, but nobody's in particular.
    let even = extract("Anton Verhoeven met Pieter Verhoeven. Verhoeven smiled.");
    let lone = even
        .mentions
        .iter()
        .find(|m| m.text == "Verhoeven")
        .expect("the lone surname is a mention");
    assert_eq!(lone.kind, EntityKind::Person);
    assert_eq!(label(&even, lone.entity), "Verhoeven");
}

#[test]
fn capitalised_bodies_regions_and_picture_credits() {
    let text = "The bill now goes to the Senate, and the Court will rule in May. \
                Farmers in the Midwest and the Northeast waited.\n\
                A flooded road near the river. Image: Korvald.\n";
    let ex = extract(text);
    let mentions = kinds_and_texts(&ex);
    assert_has(
        &mentions,
        &[
            (EntityKind::Organization, "the Senate"),
            (EntityKind::Organization, "the Court"),
            (EntityKind::Place, "the Midwest"),
            (EntityKind::Place, "Northeast"),
        ],
    );
    // Whoever a picture is credited to is a name (a person or an organisation).
    assert!(
        mentions.iter().any(|(kind, text)| *text == "Korvald"
            && matches!(kind, EntityKind::Person | EntityKind::Organization)),
        "{mentions:?}"
    );
    // Without "the", a capitalised head word is no name of its own.
    let plain = extract("Government officials met on Monday.");
    assert!(plain.mentions.is_empty(), "{:?}", plain.mentions);
}

#[test]
fn titles_with_organisation_words_and_places_that_complete_titles() {
    let text = "Secretary of State Dana Whitfield met the press. \
                The Norwegian Ambassador to the United States Hanne Lund said little. \
                President Georgia Banks spoke last.";
    let ex = extract(text);
    let mentions = kinds_and_texts(&ex);
    assert_has(
        &mentions,
        &[
            (EntityKind::Person, "Dana Whitfield"),
            (EntityKind::Place, "the United States"),
            (EntityKind::Person, "Hanne Lund"),
            (EntityKind::Person, "Georgia Banks"),
        ],
    );
    // The title is no organisation.
    assert!(
        !mentions
            .iter()
            .any(|(kind, text)| *kind == EntityKind::Organization && text.contains("State")),
        "{mentions:?}"
    );
}

#[test]
fn a_word_listed_with_names_takes_their_kind() {
    // "Quorvex" means nothing to the word lists; listed with two companies it is one too.
    let text = "Investors left Google, Quorvex and Microsoft last year.";
    let ex = extract(text);
    let orgs: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organization)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(orgs, ["Google", "Quorvex", "Microsoft"]);
    // A comma alone may open an apposition: no kind is borrowed across it.
    let apposition = extract("She studied at Harrow, John Vale said.");
    assert!(
        !apposition
            .mentions
            .iter()
            .any(|m| m.text == "Harrow" && m.kind == EntityKind::Person),
        "{:?}",
        apposition.mentions
    );
}

#[test]
fn hyphens_inside_names_and_between_them() {
    let text = "Jean-Paul Moreau chaired the Council on American - Islamic Relations meeting \
                before the Russia-Ukraine talks.";
    assert_finds(
        text,
        &[
            (EntityKind::Person, "Jean-Paul Moreau"),
            (
                EntityKind::Organization,
                "the Council on American - Islamic Relations",
            ),
            (EntityKind::Place, "Russia"),
            (EntityKind::Place, "Ukraine"),
        ],
    );
}

#[test]
fn a_town_that_is_the_surname_of_someone_named_in_full_is_that_person() {
    let text = "George Washington crossed the river at dawn. Later Washington rested, and his \
                officers waited.";
    let ex = extract(text);
    let lone = ex
        .mentions
        .iter()
        .rev()
        .find(|m| m.text == "Washington")
        .expect("the lone name is a mention");
    assert_eq!(lone.kind, EntityKind::Person);
    assert_eq!(label(&ex, lone.entity), "George Washington");
    // Where the text also puts the name after a preposition of place, it stays a place.
    let place = extract("Mary Houston flew in from Houston. Houston was warm.");
    let last = place
        .mentions
        .iter()
        .rev()
        .find(|m| m.text == "Houston")
        .expect("the town is a mention");
    assert_eq!(last.kind, EntityKind::Place);
}

#[test]
fn web_domains_and_possessive_company_names() {
    let text = "Readers of Quorvex.com complained. McDonald's chief executive Dana Holt resigned.";
    let ex = extract(text);
    let orgs: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organization)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(orgs, ["Quorvex.com", "McDonald's"]);
    assert_eq!(
        roles(text),
        [role("Dana Holt", "chief executive", "McDonald's")]
    );
}

#[test]
fn well_known_people_and_geographic_features() {
    let text = "Xi Jinping and Shinzo Abe were photographed on the Ross Ice Shelf in 2015, \
                decades after Gorbachev had argued that the treaty mattered.";
    assert_finds(
        text,
        &[
            (EntityKind::Person, "Xi Jinping"),
            (EntityKind::Person, "Shinzo Abe"),
            (EntityKind::Place, "the Ross Ice Shelf"),
            (EntityKind::Person, "Gorbachev"),
        ],
    );
}

#[test]
fn a_person_named_right_after_an_organisation() {
    let text = "The regional director of the Federation of Coastal Fishermen Maria Delgado \
                said the quotas were unfair.";
    assert_finds(
        text,
        &[
            (
                EntityKind::Organization,
                "the Federation of Coastal Fishermen",
            ),
            (EntityKind::Person, "Maria Delgado"),
        ],
    );
}

#[test]
fn the_minister_is_the_one_minister_named_before() {
    let text = "Portugal's Finance Minister Ana Lopes visited Porto on Monday. \
                The minister said the budget would hold.";
    let ex = extract(text);
    let lopes = ex
        .mentions
        .iter()
        .find(|m| m.text == "Ana Lopes")
        .expect("Ana Lopes")
        .entity;
    let minister = ex
        .mentions
        .iter()
        .find(|m| m.text == "The minister")
        .expect("a mention for 'The minister'");
    assert_eq!(minister.entity, lopes);
    // Two ministers: "the minister" could be either, so it is left alone.
    let text = "Portugal's Finance Minister Ana Lopes met Spain's Foreign Minister Luis Vidal. \
                The minister said little.";
    let ex = extract(text);
    assert!(
        !ex.mentions.iter().any(|m| m.text == "The minister"),
        "{:?}",
        kinds_and_texts(&ex)
    );
}

#[test]
fn a_body_known_by_its_people_and_shares() {
    let text = "A Veltrix spokesman said the servers were safe, but Dornhall shares fell.";
    assert_finds(
        text,
        &[
            (EntityKind::Organization, "Veltrix"),
            (EntityKind::Organization, "Dornhall"),
        ],
    );
}

#[test]
fn known_names_joined_by_and_stay_two_names() {
    let text = "Amnesty International and Human Rights Watch wrote to the BBC and the Associated \
                Press, while Bosnia and Herzegovina stayed silent and the White House and Downing \
                Street said nothing.";
    assert_finds(
        text,
        &[
            (EntityKind::Organization, "Amnesty International"),
            (EntityKind::Organization, "Human Rights Watch"),
            (EntityKind::Organization, "the BBC"),
            (EntityKind::Organization, "the Associated Press"),
            (EntityKind::Place, "Bosnia and Herzegovina"),
            (EntityKind::Place, "the White House"),
            (EntityKind::Place, "Downing Street"),
        ],
    );
    let ex = extract(text);
    assert!(
        !ex.mentions
            .iter()
            .any(|m| m.text.contains("House and Downing")),
        "{:?}",
        kinds_and_texts(&ex)
    );
}

#[test]
fn a_name_defined_by_an_acronym_is_an_organisation() {
    // Neither name has an organisation word or is in any list; the acronym in brackets that
    // spells their initials says what they are. A place defined so stays a place.
    let text = "Talks with Kestrel Dynamics (KD) and Marlow Brightwater Tannery (MBT) ended. \
                KD said it would wait, MBT did not. Both moved to the United Arab Emirates (UAE).";
    assert_finds(
        text,
        &[
            (EntityKind::Organization, "Kestrel Dynamics"),
            (EntityKind::Organization, "KD"),
            (EntityKind::Organization, "Marlow Brightwater Tannery"),
            (EntityKind::Organization, "MBT"),
            (EntityKind::Organization, "KD"),
            (EntityKind::Organization, "MBT"),
            (EntityKind::Place, "the United Arab Emirates"),
            (EntityKind::Place, "UAE"),
        ],
    );
    let ex = extract(text);
    let kd: Vec<_> = ex.mentions.iter().filter(|m| m.text == "KD").collect();
    let full = ex.mentions.iter().find(|m| m.text == "Kestrel Dynamics");
    assert!(kd.iter().all(|m| Some(m.entity) == full.map(|f| f.entity)));
}

#[test]
fn hyphenated_given_names_and_two_word_demonyms() {
    // A romanised given name keeps its lower-case second syllable; a two-word demonym before a
    // title is no part of the name; "-based" and "-led" after a place are no name syllables.
    let text = "South Korean President Pak Sun-hee met Taipei mayor Lo Wen-jun and Chen Ing-an. \
                The New York-based lender and a Saudi Arabia-led coalition stayed out.";
    assert_eq!(
        names(text, EntityKind::Person),
        ["Chen Ing-an", "Lo Wen-jun", "Pak Sun-hee"]
    );
    assert_finds(
        text,
        &[
            (EntityKind::Place, "Taipei"),
            (EntityKind::Place, "New York"),
            (EntityKind::Place, "Saudi Arabia"),
        ],
    );
}

#[test]
fn a_title_with_its_organisation_is_its_one_holder() {
    let text = "Ohio Governor Dana Whitlock signed the bill on Monday. Whitlock served two terms \
                as Governor of Ohio, and as Governor she cut taxes. Her rival, the nominee for \
                Governor of Ohio, disagreed.";
    let ex = extract(text);
    let whitlock = ex
        .mentions
        .iter()
        .find(|m| m.text == "Dana Whitlock")
        .expect("Dana Whitlock")
        .entity;
    let titles: Vec<_> = ex
        .mentions
        .iter()
        .filter(|m| m.text.starts_with("Governor"))
        .map(|m| (m.text.as_str(), m.entity == whitlock))
        .collect();
    // "for Governor of Ohio" names the office the rival seeks, not its holder.
    assert_eq!(titles, [("Governor of Ohio", true), ("Governor", true)]);
}

#[test]
fn a_place_then_a_persons_name_are_two_names() {
    let text = "A nurse from Houston Mary Okafor and a student at Leeds Tomasz Wrzesniak spoke \
                before the Boston Red Sox game near Santa Clara University.";
    assert_finds(
        text,
        &[
            (EntityKind::Place, "Houston"),
            (EntityKind::Person, "Mary Okafor"),
            (EntityKind::Place, "Leeds"),
            (EntityKind::Person, "Tomasz Wrzesniak"),
            (EntityKind::Organization, "Santa Clara University"),
        ],
    );
    let ex = extract(text);
    assert!(
        !ex.mentions.iter().any(|m| m.text == "Red Sox"),
        "{:?}",
        kinds_and_texts(&ex)
    );
}

#[test]
fn adjectives_of_peoples_and_eras_are_no_names() {
    let text = "Fears of Soviet aggression shaped European policy, said Marta Kowalczyk in the \
                Soviet Union's former capital, and Latin American and Middle Eastern envoys \
                agreed.";
    let ex = extract(text);
    let texts: Vec<_> = kinds_and_texts(&ex);
    assert!(
        !texts.iter().any(|(_, t)| {
            ["Soviet", "European", "Latin American", "Middle Eastern"].contains(t)
        }),
        "{texts:?}"
    );
    assert_finds(text, &[(EntityKind::Person, "Marta Kowalczyk")]);
}

#[test]
fn places_inside_known_organisations_and_titles_of_works() {
    let text = "Lena Duarte joined the Pittsburgh Pirates in May. She appeared in the film The \
                Quiet Harbour and watched the TV series The Long Winter on her phone.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Organization, "the Pittsburgh Pirates"),
            (EntityKind::Place, "Pittsburgh"),
            (EntityKind::Person, "Lena Duarte"),
        ],
    );
    for title in [
        "The Quiet Harbour",
        "Quiet Harbour",
        "The Long Winter",
        "Long Winter",
        "TV",
    ] {
        assert!(
            !texts.iter().any(|(_, t)| *t == title),
            "{title}: {texts:?}"
        );
    }
}

#[test]
fn a_capitalised_title_of_an_organisation_names_its_holder() {
    let text = "The Director-General of the World Health Organization warned on Monday that \
                cases were rising. Later the President of Chile Rosa Marquez met the King of \
                Norway.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (
                EntityKind::Person,
                "The Director-General of the World Health Organization",
            ),
            (EntityKind::Organization, "the World Health Organization"),
            (EntityKind::Person, "the King of Norway"),
            (EntityKind::Place, "Norway"),
            (EntityKind::Person, "Rosa Marquez"),
            (EntityKind::Place, "Chile"),
        ],
    );
    // A title right before a name is that person's title, not a person of its own.
    assert!(
        !texts.iter().any(|(_, t)| t.contains("President of Chile")),
        "{texts:?}"
    );
}

#[test]
fn titles_in_apposition_name_the_person_beside_them() {
    let text = "Maria Lopez, Chairman of the Board and CEO of the Harbour Innovation Centre, \
                spoke on Monday. The Governor of Texas, Ann Ross, signed the bill.";
    let ex = extract(text);
    let of = |t: &str| {
        ex.mentions.iter().find(|m| m.text == t).map_or_else(
            || panic!("{t}: {:?}", kinds_and_texts(&ex)),
            |m| label(&ex, m.entity),
        )
    };
    assert_eq!(of("Chairman of the Board"), "Maria Lopez");
    assert_eq!(of("CEO of the Harbour Innovation Centre"), "Maria Lopez");
    assert_eq!(of("The Governor of Texas"), "Ann Ross");
    assert_eq!(
        of("the Harbour Innovation Centre"),
        "Harbour Innovation Centre"
    );
    assert_eq!(
        roles(text),
        [
            role("Ann Ross", "governor", "Texas"),
            role("Maria Lopez", "chair", "Board")
        ]
    );
}

#[test]
fn a_nationality_before_an_occupation_is_no_organisation() {
    assert!(roles("The French physician Paul Girard treated the patient.").is_empty());
    assert_eq!(
        roles("The French ambassador Paul Girard arrived.")[..],
        [role("Paul Girard", "ambassador", "France")]
    );
}

#[test]
fn local_institutions_name_their_towns_and_stay_apart() {
    let text = "The Irving Police Department and Stephenville High School were closed, and \
                students at John Glenn High School stayed home.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Organization, "The Irving Police Department"),
            (EntityKind::Place, "Irving"),
            (EntityKind::Organization, "Stephenville High School"),
            (EntityKind::Place, "Stephenville"),
            (EntityKind::Organization, "John Glenn High School"),
        ],
    );
    // Named after a person, not a town.
    assert!(
        !texts.contains(&(EntityKind::Place, "John Glenn")),
        "{texts:?}"
    );
}

#[test]
fn storms_are_no_people_or_places() {
    let text = "Hurricane Florence flooded towns in North Carolina. Florence weakened on Sunday, \
                and Storm Ciara closed roads in Wales, officials said.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Place, "North Carolina"),
            (EntityKind::Place, "Wales"),
        ],
    );
    for storm in ["Florence", "Hurricane Florence", "Ciara", "Storm Ciara"] {
        assert!(
            !texts.iter().any(|(_, t)| *t == storm),
            "{storm}: {texts:?}"
        );
    }
}

#[test]
fn an_organisation_or_place_before_a_title_names_its_holder() {
    let text = "Virginia's Attorney General said the law was clear. The United Nations \
                Secretary-General warned of famine. NASA Administrator Charles Bolden agreed.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Person, "Virginia's Attorney General"),
            (EntityKind::Place, "Virginia's"),
            (EntityKind::Person, "The United Nations Secretary-General"),
            (EntityKind::Organization, "United Nations"),
            (EntityKind::Person, "Charles Bolden"),
        ],
    );
    // Before a name, the title is that person's.
    assert!(
        !texts.iter().any(|(_, t)| t.contains("Administrator")),
        "{texts:?}"
    );
}

#[test]
fn a_title_after_mr_or_madam_is_the_person_addressed() {
    let text = "\"Thank you, Madam Speaker,\" she said. Mr. President, the nation is waiting. \
                Mr. Okafor agreed.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Person, "Madam Speaker"),
            (EntityKind::Person, "Mr. President"),
            (EntityKind::Person, "Okafor"),
        ],
    );
}

#[test]
fn named_craft_are_no_people_and_planets_are_places() {
    let text = "The Mars rover Curiosity landed in Gale Crater, and the space shuttle \
                Endeavour docked with the station.";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Place, "Mars"),
            (EntityKind::Place, "Gale Crater"),
        ],
    );
    for craft in ["Curiosity", "Endeavour"] {
        assert!(
            !texts.iter().any(|(_, t)| *t == craft),
            "{craft}: {texts:?}"
        );
    }
}

#[test]
fn an_acronym_of_a_thing_is_no_organisation() {
    let text = "Teachers use Open Educational Resources (OER) in class, said Dana Whitlock of \
                Kestrel Dynamics (KD).";
    let ex = extract(text);
    let texts = kinds_and_texts(&ex);
    assert_has(
        &texts,
        &[
            (EntityKind::Organization, "Kestrel Dynamics"),
            (EntityKind::Person, "Dana Whitlock"),
        ],
    );
    assert!(
        !texts
            .iter()
            .any(|(_, t)| t.contains("Educational") || *t == "OER"),
        "{texts:?}"
    );
}

#[test]
fn a_sentence_initial_ordinary_word_is_no_town() {
    let text = "It was late. Reading the report took hours. Nice job, everyone. Later she \
                moved to Reading.";
    let ex = extract(text);
    let places: Vec<_> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| (m.text.as_str(), m.span.start))
        .collect();
    let moved = text.rfind("Reading").expect("Reading");
    assert_eq!(places, [("Reading", moved)], "{:?}", kinds_and_texts(&ex));
}

#[test]
fn a_known_organisation_spelled_like_a_word_speaks_at_a_sentence_start() {
    let ex = extract("Apple said on Monday that sales rose. Apple pie is sweet.");
    let texts = kinds_and_texts(&ex);
    assert_eq!(texts, [(EntityKind::Organization, "Apple")], "{texts:?}");
}
