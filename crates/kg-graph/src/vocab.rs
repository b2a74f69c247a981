//! Vocabulary constants, one module per namespace (as in oxrdf's `vocab`).
//!
//! Standard vocabularies come first; [`kg`] holds only the terms no standard vocabulary covers,
//! and every one of them is declared in `ontology/kg.ttl` (a test checks this through
//! [`kg::ALL`]). `rdf:`, `rdfs:` and `xsd:` are re-exported from oxigraph.

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// Declares a namespace: its IRI, one `NamedNodeRef` constant per term, and `ALL`, the list of
/// every declared term (so tests can check them against the ontology without reflection).
macro_rules! namespace {
    (
        $(#[doc = $ns_doc:literal])*
        $iri:literal;
        $( $(#[doc = $doc:literal])* $name:ident = $local:literal; )*
    ) => {
        use oxigraph::model::NamedNodeRef;

        $(#[doc = $ns_doc])*
        pub const NAMESPACE: &str = $iri;

        $(
            $(#[doc = $doc])*
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($iri, $local));
        )*

        /// Every term of this namespace that kg uses.
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// W3C Organization Ontology (`org:`): organisations, posts and roles.
pub mod org {
    namespace! {
        /// `http://www.w3.org/ns/org#`
        "http://www.w3.org/ns/org#";
        /// `org:Organization`, any body that has posts.
        ORGANIZATION = "Organization";
        /// `org:Post`, a position in an organisation that a person holds.
        POST = "Post";
        /// `org:Role`, the kind of position ("foreign minister").
        ROLE = "Role";
        /// `org:holds`, person → post.
        HOLDS = "holds";
        /// `org:heldBy`, post → person (inverse of `org:holds`).
        HELD_BY = "heldBy";
        /// `org:postIn`, post → organisation.
        POST_IN = "postIn";
        /// `org:hasPost`, organisation → post (inverse of `org:postIn`).
        HAS_POST = "hasPost";
        /// `org:role`, post → role.
        ROLE_PROPERTY = "role";
    }
}

/// Schema.org (`schema:`): people, organisations, places.
pub mod schema {
    namespace! {
        /// `https://schema.org/`
        "https://schema.org/";
        /// `schema:Person`.
        PERSON = "Person";
        /// `schema:Organization`.
        ORGANIZATION = "Organization";
        /// `schema:Place`.
        PLACE = "Place";
        /// `schema:Country`.
        COUNTRY = "Country";
        /// `schema:City`.
        CITY = "City";
        /// `schema:containedInPlace`, place → the place it lies in.
        CONTAINED_IN_PLACE = "containedInPlace";
        /// `schema:location`, organisation → the place where it is.
        LOCATION = "location";
        /// `schema:datePublished`, the document's publication date.
        DATE_PUBLISHED = "datePublished";
    }
}

/// Simple Event Model (`sem:`): meetings.
pub mod sem {
    namespace! {
        /// `http://semanticweb.cs.vu.nl/2009/11/sem/`
        "http://semanticweb.cs.vu.nl/2009/11/sem/";
        /// `sem:Event`.
        EVENT = "Event";
        /// `sem:EventType`, the class of `kg:Meeting`.
        EVENT_TYPE = "EventType";
        /// `sem:eventType`, event → its type.
        EVENT_TYPE_PROPERTY = "eventType";
        /// `sem:hasActor`, event → participant.
        HAS_ACTOR = "hasActor";
        /// `sem:hasPlace`, event → where it happened.
        HAS_PLACE = "hasPlace";
        /// `sem:hasTimeStamp`, event → calendar date.
        HAS_TIME_STAMP = "hasTimeStamp";
    }
}

/// SKOS (`skos:`): topics, role labels, alternative names.
pub mod skos {
    namespace! {
        /// `http://www.w3.org/2004/02/skos/core#`
        "http://www.w3.org/2004/02/skos/core#";
        /// `skos:Concept`, a topic.
        CONCEPT = "Concept";
        /// `skos:prefLabel`.
        PREF_LABEL = "prefLabel";
        /// `skos:altLabel`, a merged alias.
        ALT_LABEL = "altLabel";
    }
}

/// W3C PROV-O (`prov:`): where statements come from.
pub mod prov {
    namespace! {
        /// `http://www.w3.org/ns/prov#`
        "http://www.w3.org/ns/prov#";
        /// `prov:Entity`, the class of source documents.
        ENTITY = "Entity";
        /// `prov:wasDerivedFrom`, fact → the sentence that states it.
        WAS_DERIVED_FROM = "wasDerivedFrom";
    }
}

/// NLP Interchange Format core (`nif:`): documents, sentences and mentions as text offsets.
pub mod nif {
    namespace! {
        /// `http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#`
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// `nif:Context`, a whole document.
        CONTEXT = "Context";
        /// `nif:Sentence`.
        SENTENCE = "Sentence";
        /// `nif:Phrase`, an entity mention.
        PHRASE = "Phrase";
        /// `nif:isString`, the full text of a context.
        IS_STRING = "isString";
        /// `nif:beginIndex`, first code point (inclusive).
        BEGIN_INDEX = "beginIndex";
        /// `nif:endIndex`, last code point (exclusive).
        END_INDEX = "endIndex";
        /// `nif:anchorOf`, the covered text.
        ANCHOR_OF = "anchorOf";
        /// `nif:referenceContext`, string → its document.
        REFERENCE_CONTEXT = "referenceContext";
        /// `nif:sentence`, phrase → the sentence that contains it.
        SENTENCE_PROPERTY = "sentence";
    }
}

/// Grounded Annotation Framework (`gaf:`): entity → mention.
pub mod gaf {
    namespace! {
        /// `http://groundedannotationframework.org/gaf#`
        "http://groundedannotationframework.org/gaf#";
        /// `gaf:denotedBy`, entity → a mention of it.
        DENOTED_BY = "denotedBy";
    }
}

/// kg's own terms, declared in `ontology/kg.ttl`, used only where no standard term fits.
pub mod kg {
    namespace! {
        /// `https://w3id.org/kg/ns#`
        "https://w3id.org/kg/ns#";
        /// `kg:Meeting`, the `sem:EventType` of meetings.
        MEETING = "Meeting";
        /// `kg:discusses`, meeting → topic.
        DISCUSSES = "discusses";
        /// `kg:confidence`, how sure the extractor is (`xsd:decimal` in `[0, 1]`).
        CONFIDENCE = "confidence";
        /// `kg:roleText`, a role as written in the text ("Foreign Minister").
        ROLE_TEXT = "roleText";
        /// `kg:timeText`, a time expression as written ("on Thursday").
        TIME_TEXT = "timeText";
        /// `kg:extractionRule`, the name of the pattern that found a fact.
        EXTRACTION_RULE = "extractionRule";
        /// `kg:sourcePath`, the document's identity (its path as given).
        SOURCE_PATH = "sourcePath";
        /// `kg:contentHash`, a hash of the document's graph, used to skip unchanged reloads.
        CONTENT_HASH = "contentHash";
        /// `kg:RdfFile`, an RDF file loaded by `kg build` beside the documents.
        RDF_FILE = "RdfFile";
        /// `kg:loadedGraph`, RDF file → a named graph it brought (TriG, N-Quads, JSON-LD).
        LOADED_GRAPH = "loadedGraph";
        /// `kg:Merge`, the record of one surface form merged into an entity.
        MERGE = "Merge";
        /// `kg:mergedFrom`, entity → a merge record.
        MERGED_FROM = "mergedFrom";
        /// `kg:alias`, the surface form a merge record is about.
        ALIAS = "alias";
        /// `kg:mergeRule`, the rule that merged it ("country-alias", "surname", …).
        MERGE_RULE = "mergeRule";
    }
}
