"""General vocabularies for official texts: honorifics, titles of office, acronyms.

These are rules about how diplomatic and government texts name people, not facts about any
one document: `Samdech` and `H.E.` are stripped from every name, `FM` always means the
minister of foreign affairs.
"""

import re

# Honorifics and forms of address, stripped from names (longest first when matched).
HONORIFICS = [
    "Samdech Akka Moha Sena Padei Techo", "Samdach Akka Moha Sena Padei Techo",
    "Akka Moha Sena Padei Techo", "Samdech Moha Borvor Thipadei", "Samdach Moha Borvor Thipadei",
    "Moha Borvor Thipadei", "Samdech Thipadei", "Samdach Thipadei", "Samdech Techo",
    "Samdech Krala Hom", "Samdech Vibol Panha", "Samdech", "Samdach", "Thipadei", "Techo",
    "Lok Chumteav", "Neak Oknha", "Oknha", "Excellency", "His Excellency", "Her Excellency",
    "H.E.", "HE", "Their Excellencies", "His Majesty", "Her Majesty", "His Royal Highness",
    "Her Royal Highness", "HRH", "HM", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss",
    "Madam", "Madame", "Dr.", "Dr", "Prof.", "Professor", "Sir", "Dame", "Lord", "Lady",
    "Hon.", "The Honourable", "The Honorable", "Honourable", "Honorable", "Dato'", "Datuk",
    "Dato", "Tan Sri", "Tun", "Pehin", "Dasho", "Sheikh", "Shaikh", "Mr President",
    "Ambassador-at-large", "Samdech Pichey Sena", "Samdach Pichey Sena", "Pichey Sena",
    "Aka Moha Sena Padei Techo", "Samdech Aka Moha Sena Padei Techo", "Excellencies",
    "Hon", "Rt. Hon.", "Rt Hon", "Right Honourable", "The Right Honourable", "Prof",
    "Shri", "Smt.", "Shrimati", "His Highness", "Her Highness", "Highness",
]  # fmt: skip

# Heads of titles of office, as they stand before a name or after it in apposition.
TITLE_HEADS = [
    "Deputy Prime Minister", "Prime Minister", "Senior Minister", "Deputy Minister",
    "Vice Minister", "Vice-Minister", "State Minister", "Minister of State", "Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister",
    "Secretary of State", "Under Secretary of State", "Undersecretary of State",
    "Under-Secretary of State", "Secretary of State", "Under-Secretary", "Undersecretary",
    "Permanent Secretary", "Secretary-General", "Secretary General", "Chief Cabinet Secretary",
    "Cabinet Secretary", "Foreign Secretary", "Secretary", "Vice President", "Vice-President",
    "Senate President", "President", "Chairman", "Chairwoman", "Chairperson", "Chair",
    "Deputy Speaker", "Speaker", "Goodwill Ambassador", "Ambassador", "Special Envoy", "Envoy",
    "Consul-General", "Consul General", "Consul", "Charge d'Affaires", "Chargé d'Affaires",
    "Deputy Chief of Mission", "Chief of Mission", "Minister-Counsellor", "Counsellor",
    "Deputy Director-General", "Director-General", "Director General", "Deputy Director",
    "Director", "Chief of Staff", "Chief Executive", "Governor", "Deputy Governor", "Mayor",
    "Commissioner", "Spokesperson", "Spokesman", "Spokeswoman", "Special Adviser",
    "Senior Adviser", "Adviser", "Advisor", "King Father", "King", "Queen Mother", "Queen",
    "Emperor", "Empress", "Crown Prince", "Prince", "Princess", "Sultan", "Senator",
    "Member of Parliament", "Lawmaker", "Reserve Judge", "Chief Justice", "Judge", "Justice",
    "Prosecutor", "Commander-in-Chief", "Commander", "Lieutenant General", "Major General",
    "General", "Vice Admiral", "Admiral", "Colonel", "Lt. Gen.", "Maj. Gen.", "Gen.", "Adm.",
    "Col.", "Leader", "Premier", "Chancellor", "Head of State", "Head of Government",
    "Permanent Representative", "Representative", "Delegate", "Attaché", "Attache",
    "Defense Secretary", "Defence Secretary", "Home Secretary", "Trade Secretary",
    "State Councillor", "Councillor", "Councilor", "Resident Representative",
    "Ambassador Extraordinary and Plenipotentiary", "High Commissioner", "Treasurer",
    "Member", "Federal Minister", "Trade Minister", "Commerce Minister", "Economy Minister",
    "Interior Minister", "Justice Minister", "Health Minister", "Education Minister",
    "Industry Minister", "Agriculture Minister", "Energy Minister", "Transport Minister",
    "Presidents", "Prime Ministers", "Foreign Ministers", "Ministers", "Leaders",
    "Premiers", "Ambassadors", "General Secretary", "Vice Premier", "Vice Chairman",
    "Deputy Commander-in-Chief", "Chief of General Staff", "Minister-President",
    "Legislator", "Diplomat", "Chief Adviser", "Chief Minister", "Chief Secretary",
    "Governor-General", "Governor General", "Emir", "Amir", "General Manager",
    "Managing Director", "Charge d’Affaires", "Chargé d’Affaires", "Chargé d'Affaires",
]  # fmt: skip

# Abbreviations for titles, as press releases and analyses use them.
TITLE_ABBREVIATIONS = {
    "PM": ["Prime Minister"],
    "DPM": ["Deputy Prime Minister"],
    "FM": ["Minister of Foreign Affairs"],
    "SP": ["President of the Senate"],
    "DPM/FM": ["Deputy Prime Minister", "Minister of Foreign Affairs"],
    "FM/DPM": ["Minister of Foreign Affairs", "Deputy Prime Minister"],
    "MP": ["Member of Parliament"],
    "CEO": ["Chief Executive"],
    "Amb.": ["Ambassador"],
}

# Other names of the same title: 'Foreign Minister' is the minister of foreign affairs.
TITLE_SYNONYMS = {
    "foreign minister": "Minister of Foreign Affairs",
    "defence minister": "Minister of Defence",
    "defense minister": "Minister of Defense",
    "finance minister": "Minister of Finance",
    "senate president": "President of the Senate",
    "president of senate": "President of the Senate",
    "lt. gen.": "Lieutenant General",
    "maj. gen.": "Major General",
    "gen.": "General",
    "adm.": "Admiral",
    "col.": "Colonel",
    "attache": "Attaché",
    "charge d'affaires": "Chargé d'Affaires",
    "charge d’affaires": "Chargé d'Affaires",
    "chargé d’affaires": "Chargé d'Affaires",
    "governor general": "Governor-General",
    "amir": "Emir",
    "undersecretary": "Undersecretary",
    "defense secretary": "Secretary of Defense",
    "defence secretary": "Secretary of Defence",
    "presidents": "President",
    "prime ministers": "Prime Minister",
    "foreign ministers": "Minister of Foreign Affairs",
    "ministers": "Minister",
    "leaders": "Leader",
    "premiers": "Premier",
    "ambassadors": "Ambassador",
}

# Military and police ranks: they stand between a title and a name ('Defence Minister
# H.E. Gen. Wei Fenghe') as honorifics do, and are a post when no other title is given.
RANKS = [
    "General", "Gen.", "Gen", "Lieutenant General", "Lt. Gen.", "Lt Gen", "Major General",
    "Maj. Gen.", "Maj Gen", "Brigadier General", "Brig. Gen.", "Admiral", "Adm.",
    "Vice Admiral", "Rear Admiral", "Colonel", "Col.", "Lieutenant Colonel", "Lt. Col.",
    "Major", "Maj.", "Captain", "Capt.", "Air Chief Marshal", "Air Marshal", "Field Marshal",
    "Marshal", "Police General", "Pol. Gen.", "Senior General",
]  # fmt: skip

# Styles given to holders of an office ('Hon. Ukur Yatani', 'H.E. Mr. HORIE Ryoichi'): a
# person so styled holds a post even where the text names none. Mr, Dr and Sir do not.
OFFICE_STYLES = [
    "His Excellency", "Her Excellency", "Their Excellencies", "Excellency", "H.E.", "HE",
    "Hon.", "Hon", "The Honourable", "The Honorable", "Honourable", "Honorable", "Rt. Hon.",
    "Rt Hon", "Right Honourable", "The Right Honourable", "Samdech", "Samdach", "Lok Chumteav",
    "His Majesty", "Her Majesty", "His Royal Highness", "Her Royal Highness", "HRH", "HM",
    "His Highness", "Her Highness", "Dato'", "Datuk", "Dato", "Tan Sri", "Tun", "Pehin", "Dasho",
]  # fmt: skip

# Lower-case particles inside names: 'Lula da Silva', 'Mohammed bin Salman', 'van der Leyen'.
NAME_PARTICLES = [
    "bin", "binti", "bint", "ibn", "al", "el", "da", "das", "de", "del", "della", "der", "di",
    "do", "dos", "du", "la", "le", "van", "von", "den", "ter", "ten", "y", "e", "abu", "zu",
]  # fmt: skip

# Words of ministerial portfolios: 'Minister of Foreign Affairs and International Cooperation
# Sok Chenda Sophea' — the title ends where these words stop and the name begins.
PORTFOLIO_WORDS = {
    "foreign", "affairs", "international", "cooperation", "co-operation", "defence", "defense",
    "finance", "economy", "economic", "economics", "commerce", "trade", "industry", "interior",
    "home", "justice", "health", "education", "youth", "sport", "sports", "agriculture",
    "forestry", "fisheries", "tourism", "environment", "labour", "labor", "vocational",
    "training", "planning", "transport", "transportation", "public", "works", "energy", "mines",
    "mining", "culture", "fine", "arts", "information", "communications", "posts",
    "telecommunications", "land", "management", "urban", "rural", "development", "water",
    "resources", "meteorology", "social", "welfare", "veterans", "women's", "women", "religion",
    "cults", "civil", "service", "state", "security", "national", "investment", "relations",
    "external", "overseas", "science", "technology", "innovation", "digital", "infrastructure",
    "housing", "construction", "immigration", "multicultural", "indigenous", "europe",
    "financial", "services", "treasury", "employment", "citizenship", "commonwealth",
    "the", "and", "of", "for", "&", "council", "ministers", "cabinet",
    "office", "parliamentary", "inspection", "people's", "republic", "kingdom", "royal",
    "government", "general", "secretariat", "affair", "ministry", "industrial",
}  # fmt: skip
# Words that end a title's complement ('director of the Institute at the Academy').
ORGANISATION_WORDS = {
    "ministry", "embassy", "institute", "senate", "council", "assembly", "agency",
    "department", "bank", "office", "centre", "center", "committee", "commission", "court",
    "chamber", "university", "academy", "authority", "police", "forces", "force", "army",
    "navy", "party", "government", "cabinet", "secretariat", "parliament", "mission",
    "programme", "program", "fund", "organization", "organisation", "union", "nations",
    "corporation", "company", "association", "federation", "foundation", "group",
}  # fmt: skip

# Capitalised runs that are acronyms, never names to title-case ('ASEAN Chairmanship').
ACRONYMS = {
    "ASEAN", "UN", "UNSC", "EU", "ODA", "JICA", "NATO", "APEC", "WTO", "IMF", "WHO", "UNESCO",
    "UNICEF", "UNDP", "UNTAC", "COVID", "OECD", "ADB", "AIIB", "BRICS", "USAID", "KOICA",
    "CEO", "GDP", "ICT", "SME", "SMES", "LDC", "FDI", "NGO", "NGOS", "RCEP", "CPTPP", "FTA",
    "EPA", "MOU", "II", "III", "IV",
}  # fmt: skip

# National development agencies and lenders, by the acronym a post is prefixed with
# ('USAID Mission Director Jane Roe'): the country whose agency it is.
AGENCY_COUNTRIES = {
    "USAID": "US", "MCC": "US", "JICA": "JP", "JBIC": "JP", "KOICA": "KR", "EDCF": "KR",
    "DFID": "GB", "FCDO": "GB", "AFD": "FR", "GIZ": "DE", "KfW": "DE", "Sida": "SE",
    "SIDA": "SE", "Norad": "NO", "NORAD": "NO", "Danida": "DK", "DANIDA": "DK", "CIDA": "CA",
    "AusAID": "AU", "DFAT": "AU", "MFAT": "NZ", "KFAED": "KW", "ADFD": "AE", "TIKA": "TR",
    "CIDCA": "CN", "AECID": "ES", "SDC": "CH", "Enabel": "BE", "LuxDev": "LU",
}  # fmt: skip

SMALL_WORDS = {"of", "for", "the", "and", "on", "in", "at", "to", "a", "an"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


HONORIFIC_RE = _alternation(HONORIFICS)
RANK_RE = _alternation(RANKS)
TITLE_HEAD_RE = _alternation([*TITLE_HEADS, *TITLE_ABBREVIATIONS])
TITLE_MODIFIER_RE = r"(?:(?:Deputy|Vice|Senior|Acting|Former|Special|First|Second|Permanent|Parliamentary|Assistant|Executive|Federal|Chief|Top|top|Late|late|former|acting)\s+)"  # noqa: E501
