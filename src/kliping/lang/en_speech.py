"""English language resources for attribution (data for `enrich.attribution_en`): verbs of saying grouped by how
far they stretch "attribution", the words that may sit between a speaker and the verb, and the words that open a
clause or end a speaker phrase.

Written from general English news style ('"…," he said', 'X told reporters that …', 'According to X, …', '…, X
said in a statement'), not copied from any corpus. PolNeAR (../shared/data/polnear, evaluation only, no licence)
was used only to *choose* which groups are switched on (bench/eval_polnear.py, cross-validated by document on its
train split); no word here was taken from it. All words are lower case; matching is case-insensitive.
"""

from __future__ import annotations

# ---------- verbs of saying ----------

# Plain speech verbs, every form a news sentence uses: the core of quote attribution.
SPEECH = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "stated", "stating", "explain", "explains", "explained", "explaining", "note", "notes", "noted",
    "noting", "ask", "asks", "asked", "asking", "reply", "replies", "replied", "replying", "respond", "responds",
    "responded", "responding", "answered", "continue", "continues", "continued", "recall", "recalls",
    "recalled", "recalling", "remarked", "commented", "write", "writes", "wrote", "writing",
    "tweeted", "tweeting", "announce", "announces", "announced", "announcing", "declare",
    "declares", "declared", "declaring", "testify", "testified",
    "quipped", "joked", "shouted", "yelled", "exclaim", "exclaimed", "mutter",
    "muttered", "whisper", "whispered", "posted", "concluded", "conclude", "concludes",
}

# Verbs that report speech with a stance: claims, warnings, denials. Counted as cues with `stance`.
STANCE = {
    "argue", "argues", "argued", "arguing", "claim", "claims", "claimed", "claiming", "insist", "insists",
    "insisted", "insisting", "warn", "warns", "warned", "warning", "admit", "admits", "admitted", "admitting",
    "acknowledge", "acknowledges", "acknowledged", "acknowledging", "concede", "concedes", "conceded", "conceding",
    "suggest", "suggests", "suggested", "suggesting", "predict", "predicts", "predicted", "predicting", "contend",
    "contends", "contended", "maintain", "maintains", "maintained", "emphasize", "emphasized", "emphasised",
    "stress", "stresses", "stressed", "confirm", "confirms", "confirmed", "deny", "denies", "denied", "denying",
    "reveal", "reveals", "revealed", "observe", "observed", "complain", "complains", "complained", "complaining",
    "countered", "promise", "promises", "promised", "promising", "vow", "vows", "vowed", "vowing",
    "assert", "asserts", "asserted", "allege", "alleges", "alleged", "alleging", "charge", "charged", "boast",
    "boasted", "boasts", "lament", "lamented", "urge", "urges", "urged", "urging", "agree", "agreed", "agrees",
    "indicate", "indicates", "indicated", "signaled", "signalled", "hinted", "pointed",
    "estimate", "estimated", "estimates", "repeat", "repeated", "reiterate", "reiterated", "concur",
    "threaten", "threatens", "threatened", "assure", "assures", "assured", "request", "requested", "decline",
    "declined", "declines", "refuse", "refused", "refuses", "seek", "seeks", "sought", "discuss", "discussed",
}

# Verbs by which news outlets report ('…, the state news agency reported'): a cited source more than a speaker.
REPORTING = {"reported", "reporting", "reports"}

# Verbs of thinking and feeling: PolNeAR's "attribution" covers beliefs too, a quote extractor usually does not.
COGNITION = {
    "think", "thinks", "thought", "believe", "believes", "believed", "feel", "feels", "felt", "hope", "hopes",
    "hoped", "fear", "fears", "feared", "worry", "worries", "worried", "expect", "expects", "expected", "know",
    "knows", "knew", "doubt", "doubts", "doubted", "wonder", "wonders", "wondered", "suspect", "suspects",
    "suspected", "assume", "assumes", "assumed", "conclude", "realize", "realized", "recognize", "recognized",
    "understand", "understands", "understood", "want", "wants", "wanted", "see", "sees", "saw",
}

# Verbs by which documents, polls and studies report: 'a poll showed that …', 'the report found …'.
EVIDENCE = {
    "show", "shows", "showed", "shown", "find", "finds", "found", "indicate", "indicates", "indicated", "suggest",
    "suggests", "suggested", "reveal", "reveals", "revealed", "conclude", "concludes", "concluded",
}

# Verbs whose object is the attributed content: a stance towards someone or something ('X called the plan a
# disgrace', 'X criticized the ruling', 'X cited rising costs'). PolNeAR annotates these as attributions.
OBJECT = {
    "called", "calling", "describe", "describes", "described", "describing", "criticize", "criticizes",
    "criticized", "criticizing", "accuse", "accuses", "accused", "accusing", "praised", "praising", "blame",
    "blames", "blamed", "blaming", "cited", "citing", "endorse", "endorses", "endorsed", "endorsing", "supported",
    "supporting", "oppose", "opposes", "opposed", "opposing", "propose", "proposes", "proposed", "proposing",
    "questioned", "reject", "rejects", "rejected", "rejecting", "defend", "defends", "defended", "defending",
    "attacked", "attacking", "condemn", "condemns", "condemned", "condemning", "mocked", "mocking", "mention",
    "mentions", "mentioned", "pledged", "pledging", "demanded", "demanding", "dismiss", "dismissed", "dismisses",
    "slam", "slammed", "blasted", "refer", "refers", "referred", "referring", "recommend", "recommended",
    "denounce", "denounced", "denounces", "assailed", "highlighted", "lambasted", "ridiculed",
}

# Verbs that report a clause without 'that' ('she said the plan failed', 'he argued it was late'); the others take an
# object ('declared a state of emergency', 'agreed to pool data') unless 'that' follows.
BARE_CLAUSE = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding", "argue",
    "argues", "argued", "arguing", "claim", "claims", "claimed", "claiming", "insist", "insists", "insisted",
    "insisting", "warn", "warns", "warned", "warning", "write", "writes", "wrote", "writing", "tweeted", "suggest",
    "suggests", "suggested", "suggesting", "predict", "predicts", "predicted", "contend", "contends", "contended",
    "think", "thinks", "thought", "believe", "believes", "believed", "feel", "feels", "felt", "hope", "hopes",
    "hoped", "fear", "fears", "feared", "know", "knows", "knew", "assume", "assumed", "suspect", "suspected",
    "explain", "explained", "note", "noted", "noting", "concede", "conceded", "admit", "admitted", "acknowledge",
    "acknowledged", "show", "shows", "showed", "find", "finds", "found", "estimate", "estimates", "estimated",
    "assert", "asserted", "maintain", "maintained", "recall", "recalled", "complain", "complained", "boast",
    "boasted", "promise", "promised", "vow", "vowed", "concluded", "reported", "reports", "confirmed",
}

# Verbs whose first object is the hearer, not the content: 'X told reporters (that) …', 'X warned voters …'.
HEARER_VERBS = {"tell", "tells", "told", "telling", "ask", "asks", "asked", "asking", "warn", "warns", "warned",
                "warning", "assure", "assured", "assures", "remind", "reminded", "reminds", "inform", "informed",
                "urge", "urged", "urges", "urging", "promise", "promised", "promises"}

# Participles that hang a second report on a sentence's subject: 'X left the room, saying …'.
PARTICIPLES = {"saying", "adding", "noting", "telling", "arguing", "claiming", "insisting", "warning", "asking",
               "explaining", "stating", "suggesting", "writing", "declaring", "acknowledging", "admitting",
               "conceding", "promising", "vowing", "urging", "complaining", "denying", "stressing", "calling"}

# 'according to X, …' / '…, according to X.'
ACCORDING_TO = ("according to",)

# ---------- between a speaker and the verb ----------

# Auxiliaries and adverbs that may stand between a speaker and the verb ('X has also repeatedly said').
AUX = {"has", "have", "had", "also", "later", "then", "previously", "repeatedly", "again", "recently", "once",
       "often", "publicly", "privately", "earlier", "will", "would", "could", "might", "may", "can", "did", "does",
       "do", "not", "never", "already", "reportedly", "frequently", "separately", "simply", "just", "flatly",
       "first", "last", "ultimately", "still", "long", "is", "was", "are", "were", "been", "be", "being",
       "should", "must", "shall", "having"}

# Auxiliaries that belong to the cue ('has said'); the adverbs above are skipped but not part of it.
CUE_AUX = {"has", "have", "had", "will", "would", "could", "might", "may", "did", "does", "do", "also"}

# ---------- speakers ----------

# Pronouns that can be a speaker. Personal ones refer back to the last named person.
PERSONAL_PRONOUNS = {"he", "she", "i"}
GROUP_PRONOUNS = {"they", "we"}
PRONOUNS = PERSONAL_PRONOUNS | GROUP_PRONOUNS

# Relative pronouns: 'officials who said …' — the speaker is the noun before them.
RELATIVES = {"who", "which", "that"}

# Titles written before a name, dropped from the speaker's name ('Sen. Bernie Sanders' -> 'Bernie Sanders').
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof",
              "rev", "sir", "dame", "lord", "president", "senator", "governor", "minister", "secretary",
              "chairman", "chairwoman", "mayor", "judge", "justice", "director", "spokesman", "spokeswoman",
              "spokesperson", "ambassador", "representative", "congressman", "congresswoman", "chief", "officer",
              "regent", "head", "leader", "commissioner", "inspector", "general", "former", "vice", "deputy",
              "prime", "acting", "candidate", "nominee", "attorney", "professor", "coach", "king", "queen",
              "prince", "pope", "sheikh", "premier", "chancellor", "speaker", "majority", "minority", "whip"}

# Common nouns that name a speaker without a name ('officials said', 'a spokesman said', 'the report found').
SPEAKER_NOUNS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser",
                 "advisers", "advisor", "advisors", "source", "sources", "analyst", "analysts", "expert", "experts",
                 "critic", "critics", "supporter", "supporters", "voter", "voters", "resident", "residents",
                 "witness", "witnesses", "police", "investigators", "prosecutors", "lawyer", "lawyers", "attorney",
                 "attorneys", "poll", "polls", "survey", "surveys", "report", "reports", "study", "studies",
                 "statement", "campaign", "government", "ministry", "agency", "department", "committee", "group",
                 "people", "leaders", "members", "democrats", "republicans", "economists", "researchers",
                 "scientists", "doctors", "authorities", "organizers", "protesters", "activists", "observers",
                 "data", "document", "documents", "letter", "memo", "filing", "website", "spokespeople", "staff",
                 "team", "party", "union", "company", "firm", "office", "administration", "senators", "lawmakers",
                 "delegates", "allies", "opponents", "rivals", "candidates", "fishermen", "farmers", "villagers",
                 "workers", "teachers", "students", "parents", "officers", "soldiers", "diplomats", "ministers"}

# Words that open a clause: a speaker phrase starts after them ('But X said', 'while X said').
CLAUSE_OPENERS = {"and", "but", "or", "so", "while", "whereas", "although", "though", "because", "as", "since",
                  "when", "after", "before", "if", "yet", "meanwhile", "however", "still", "instead", "also",
                  "then", "now", "later", "that", "where", "until", "once", "even", "than", "in", "on", "at"}

# Sentence-initial words that are never a speaker ('Meanwhile, …', 'However, …').
NOT_SPEAKERS = {"it", "this", "there", "here", "what", "which", "you", "that", "these", "those", "one", "such",
                "much", "all", "each", "either", "neither", "none", "nothing", "everyone", "nobody", "anyone",
                "someone", "something", "everything", "anything"}

# Words after which a cue phrase stops: a prepositional tail ('said in a statement', 'told reporters on Tuesday').
CUE_TAIL_PREPS = {"in", "on", "at", "during", "after", "before", "by", "via", "through", "from", "to", "with",
                  "outside", "inside", "while", "when", "as"}

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "rev",
                 "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun",
                 "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m", "d.c",
                 "mt", "ft", "ave", "blvd", "dept", "est", "approx", "e.g", "i.e", "etc", "al", "pres", "supt"}
