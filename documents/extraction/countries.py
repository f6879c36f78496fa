"""Countries as text names them: ISO code, short name, other names, adjectives and demonyms.

A general vocabulary (not tied to one corpus). `find_country` answers what a phrase such as
'the Kingdom of Cambodia', 'Japanese' or 'Japan' refers to.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True)
class CountryName:
    code: str
    name: str
    other_names: tuple[str, ...]
    adjectives: tuple[str, ...]


# code | short name | other names (;) | adjectives and demonyms (;)
_TABLE = """
AF|Afghanistan|Islamic Republic of Afghanistan|Afghan
AR|Argentina|Argentine Republic|Argentine;Argentinian
AU|Australia|Commonwealth of Australia|Australian
AT|Austria|Republic of Austria|Austrian
BD|Bangladesh|People's Republic of Bangladesh|Bangladeshi
BE|Belgium|Kingdom of Belgium|Belgian
BN|Brunei|Brunei Darussalam;Nation of Brunei|Bruneian
BR|Brazil|Federative Republic of Brazil|Brazilian
BT|Bhutan|Kingdom of Bhutan|Bhutanese
KH|Cambodia|Kingdom of Cambodia;Kampuchea|Cambodian;Khmer
CA|Canada||Canadian
CL|Chile|Republic of Chile|Chilean
CN|China|People's Republic of China;PRC|Chinese
CO|Colombia|Republic of Colombia|Colombian
CZ|Czechia|Czech Republic|Czech
DK|Denmark|Kingdom of Denmark|Danish;Dane
EG|Egypt|Arab Republic of Egypt|Egyptian
FI|Finland|Republic of Finland|Finnish;Finn
FR|France|French Republic|French
DE|Germany|Federal Republic of Germany|German
GR|Greece|Hellenic Republic|Greek
HU|Hungary||Hungarian
IN|India|Republic of India|Indian
ID|Indonesia|Republic of Indonesia|Indonesian
IR|Iran|Islamic Republic of Iran|Iranian
IQ|Iraq|Republic of Iraq|Iraqi
IE|Ireland|Republic of Ireland|Irish
IL|Israel|State of Israel|Israeli
IT|Italy|Italian Republic|Italian
JP|Japan|State of Japan|Japanese
KZ|Kazakhstan|Republic of Kazakhstan|Kazakh;Kazakhstani
KE|Kenya|Republic of Kenya|Kenyan
KP|North Korea|Democratic People's Republic of Korea;DPRK|North Korean
KR|South Korea|Republic of Korea;Korea|South Korean;Korean
KW|Kuwait|State of Kuwait|Kuwaiti
LA|Laos|Lao People's Democratic Republic;Lao PDR|Lao;Laotian
MY|Malaysia||Malaysian
MV|Maldives|Republic of Maldives|Maldivian
MX|Mexico|United Mexican States|Mexican
MN|Mongolia||Mongolian
MM|Myanmar|Republic of the Union of Myanmar;Burma|Myanmar;Burmese
NP|Nepal|Federal Democratic Republic of Nepal|Nepali;Nepalese
NL|Netherlands|Kingdom of the Netherlands;Holland|Dutch
NZ|New Zealand||New Zealander;New Zealand
NG|Nigeria|Federal Republic of Nigeria|Nigerian
NO|Norway|Kingdom of Norway|Norwegian
PK|Pakistan|Islamic Republic of Pakistan|Pakistani
PS|Palestine|State of Palestine|Palestinian
PH|Philippines|Republic of the Philippines|Philippine;Filipino
PL|Poland|Republic of Poland|Polish
PT|Portugal|Portuguese Republic|Portuguese
QA|Qatar|State of Qatar|Qatari
RU|Russia|Russian Federation|Russian
SA|Saudi Arabia|Kingdom of Saudi Arabia|Saudi;Saudi Arabian
SG|Singapore|Republic of Singapore|Singaporean
ZA|South Africa|Republic of South Africa|South African
ES|Spain|Kingdom of Spain|Spanish
LK|Sri Lanka|Democratic Socialist Republic of Sri Lanka|Sri Lankan
SE|Sweden|Kingdom of Sweden|Swedish;Swede
CH|Switzerland|Swiss Confederation|Swiss
TW|Taiwan|Republic of China|Taiwanese
TH|Thailand|Kingdom of Thailand;Siam|Thai
TL|Timor-Leste|East Timor;Democratic Republic of Timor-Leste|Timorese
TR|Turkey|Türkiye;Republic of Türkiye|Turkish
UA|Ukraine||Ukrainian
AE|United Arab Emirates|UAE|Emirati
GB|United Kingdom|Britain;Great Britain;UK|British
US|United States|United States of America;USA;US;U.S.;America|American
UZ|Uzbekistan|Republic of Uzbekistan|Uzbek
VN|Vietnam|Viet Nam;Socialist Republic of Vietnam|Vietnamese
AL|Albania|Republic of Albania|Albanian
DZ|Algeria|People's Democratic Republic of Algeria|Algerian
AD|Andorra||Andorran
AO|Angola|Republic of Angola|Angolan
AG|Antigua and Barbuda||Antiguan
AM|Armenia|Republic of Armenia|Armenian
AZ|Azerbaijan|Republic of Azerbaijan|Azerbaijani;Azeri
BS|Bahamas|The Bahamas;Commonwealth of The Bahamas|Bahamian
BH|Bahrain|Kingdom of Bahrain|Bahraini
BB|Barbados||Barbadian
BY|Belarus|Republic of Belarus|Belarusian
BZ|Belize||Belizean
BJ|Benin|Republic of Benin|Beninese
BO|Bolivia|Plurinational State of Bolivia|Bolivian
BA|Bosnia and Herzegovina|Bosnia|Bosnian
BW|Botswana|Republic of Botswana|Motswana;Botswanan
BG|Bulgaria|Republic of Bulgaria|Bulgarian
BF|Burkina Faso||Burkinabe;Burkinabè
BI|Burundi|Republic of Burundi|Burundian
CV|Cabo Verde|Cape Verde|Cape Verdean;Cabo Verdean
CM|Cameroon|Republic of Cameroon|Cameroonian
CF|Central African Republic||Central African
TD|Chad|Republic of Chad|Chadian
KM|Comoros|Union of the Comoros|Comorian
CG|Republic of the Congo|Congo-Brazzaville|Congolese
CD|Democratic Republic of the Congo|DRC;DR Congo;Congo-Kinshasa|
CR|Costa Rica|Republic of Costa Rica|Costa Rican
CI|Côte d'Ivoire|Cote d'Ivoire;Ivory Coast|Ivorian
HR|Croatia|Republic of Croatia|Croatian
CU|Cuba|Republic of Cuba|Cuban
CY|Cyprus|Republic of Cyprus|Cypriot
DJ|Djibouti|Republic of Djibouti|Djiboutian
DM|Dominica|Commonwealth of Dominica|Dominican
DO|Dominican Republic||
EC|Ecuador|Republic of Ecuador|Ecuadorian
SV|El Salvador|Republic of El Salvador|Salvadoran
GQ|Equatorial Guinea||Equatoguinean
ER|Eritrea|State of Eritrea|Eritrean
EE|Estonia|Republic of Estonia|Estonian
SZ|Eswatini|Kingdom of Eswatini;Swaziland|Swazi
ET|Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian
FJ|Fiji|Republic of Fiji|Fijian
GA|Gabon|Gabonese Republic|Gabonese
GM|Gambia|The Gambia;Republic of The Gambia|Gambian
GE|Georgia||Georgian
GH|Ghana|Republic of Ghana|Ghanaian
GD|Grenada||Grenadian
GT|Guatemala|Republic of Guatemala|Guatemalan
GN|Guinea|Republic of Guinea|Guinean
GW|Guinea-Bissau||Bissau-Guinean
GY|Guyana|Co-operative Republic of Guyana|Guyanese
HT|Haiti|Republic of Haiti|Haitian
HN|Honduras|Republic of Honduras|Honduran
IS|Iceland||Icelandic;Icelander
JM|Jamaica||Jamaican
JO|Jordan|Hashemite Kingdom of Jordan|Jordanian
KI|Kiribati||I-Kiribati
KG|Kyrgyzstan|Kyrgyz Republic|Kyrgyz
LV|Latvia|Republic of Latvia|Latvian
LB|Lebanon|Lebanese Republic|Lebanese
LS|Lesotho|Kingdom of Lesotho|Basotho
LR|Liberia|Republic of Liberia|Liberian
LY|Libya|State of Libya|Libyan
LI|Liechtenstein||Liechtensteiner
LT|Lithuania|Republic of Lithuania|Lithuanian
LU|Luxembourg|Grand Duchy of Luxembourg|Luxembourgish;Luxembourger
MG|Madagascar|Republic of Madagascar|Malagasy
MW|Malawi|Republic of Malawi|Malawian
ML|Mali|Republic of Mali|Malian
MT|Malta|Republic of Malta|Maltese
MH|Marshall Islands||Marshallese
MR|Mauritania|Islamic Republic of Mauritania|Mauritanian
MU|Mauritius|Republic of Mauritius|Mauritian
FM|Micronesia|Federated States of Micronesia|Micronesian
MD|Moldova|Republic of Moldova|Moldovan
MC|Monaco||Monegasque
ME|Montenegro||Montenegrin
MA|Morocco|Kingdom of Morocco|Moroccan
MZ|Mozambique|Republic of Mozambique|Mozambican
NA|Namibia|Republic of Namibia|Namibian
NR|Nauru||Nauruan
NI|Nicaragua|Republic of Nicaragua|Nicaraguan
NE|Niger|Republic of the Niger|Nigerien
MK|North Macedonia|Macedonia|Macedonian
OM|Oman|Sultanate of Oman|Omani
PW|Palau||Palauan
PA|Panama|Republic of Panama|Panamanian
PG|Papua New Guinea|PNG|Papua New Guinean
PY|Paraguay|Republic of Paraguay|Paraguayan
PE|Peru|Republic of Peru|Peruvian
RO|Romania||Romanian
RW|Rwanda|Republic of Rwanda|Rwandan
KN|Saint Kitts and Nevis||Kittitian
LC|Saint Lucia||Saint Lucian
VC|Saint Vincent and the Grenadines||Vincentian
WS|Samoa|Independent State of Samoa|Samoan
SM|San Marino||Sammarinese
ST|Sao Tome and Principe|São Tomé and Príncipe|Santomean
SN|Senegal|Republic of Senegal|Senegalese
RS|Serbia|Republic of Serbia|Serbian
SC|Seychelles|Republic of Seychelles|Seychellois
SL|Sierra Leone|Republic of Sierra Leone|Sierra Leonean
SK|Slovakia|Slovak Republic|Slovak
SI|Slovenia|Republic of Slovenia|Slovenian;Slovene
SB|Solomon Islands||Solomon Islander
SO|Somalia|Federal Republic of Somalia|Somali
SS|South Sudan|Republic of South Sudan|South Sudanese
SD|Sudan|Republic of the Sudan|Sudanese
SR|Suriname|Republic of Suriname|Surinamese
SY|Syria|Syrian Arab Republic|Syrian
TJ|Tajikistan|Republic of Tajikistan|Tajik
TZ|Tanzania|United Republic of Tanzania|Tanzanian
TG|Togo|Togolese Republic|Togolese
TO|Tonga|Kingdom of Tonga|Tongan
TT|Trinidad and Tobago||Trinidadian
TN|Tunisia|Republic of Tunisia|Tunisian
TM|Turkmenistan||Turkmen
TV|Tuvalu||Tuvaluan
UG|Uganda|Republic of Uganda|Ugandan
UY|Uruguay|Oriental Republic of Uruguay|Uruguayan
VU|Vanuatu|Republic of Vanuatu|Vanuatuan;Ni-Vanuatu
VE|Venezuela|Bolivarian Republic of Venezuela|Venezuelan
YE|Yemen|Republic of Yemen|Yemeni
ZM|Zambia|Republic of Zambia|Zambian
ZW|Zimbabwe|Republic of Zimbabwe|Zimbabwean
VA|Holy See|Vatican;Vatican City|Vatican
"""


# National news agencies, as credit lines name them: a text an agency of a country writes
# names that country's own leaders without their country ('Prime Minister Abiy Ahmed').
# International agencies (AP, AFP, Reuters) report from everywhere and are not here.
NEWS_AGENCIES = {
    "AKP": "KH", "Agence Kampuchea Presse": "KH", "VNA": "VN", "Vietnam News Agency": "VN",
    "ENA": "ET", "Ethiopian News Agency": "ET", "Xinhua": "CN", "Yonhap": "KR",
    "KUNA": "KW", "Kyodo": "JP", "Jiji": "JP", "Bernama": "MY", "Antara": "ID",
    "ANTARA": "ID", "TASS": "RU", "RIA Novosti": "RU", "PTI": "IN", "ANI": "IN",
    "APP": "PK", "BSS": "BD", "MENA": "EG", "WAM": "AE", "SPA": "SA", "QNA": "QA",
    "Montsame": "MN", "MONTSAME": "MN", "KPL": "LA", "KNA": "KE", "TAP": "TN",
    "APS": "DZ", "IRNA": "IR", "Anadolu": "TR", "NAN": "NG", "BNA": "BH",
    "ONA": "OM", "SANA": "SY", "Petra": "JO", "NNA": "LB", "KCNA": "KP", "Prensa Latina": "CU",
    "Notimex": "MX", "Télam": "AR", "Telam": "AR", "Agência Brasil": "BR",
    "Lusa": "PT", "EFE": "ES", "ANSA": "IT", "Kazinform": "KZ", "UzA": "UZ",
    "Ukrinform": "UA", "BelTA": "BY", "Armenpress": "AM", "AZERTAC": "AZ", "Fiji Sun": "FJ",
    "FBC": "FJ", "Lao News Agency": "LA", "Thai News Agency": "TH",
    "Kenya News Agency": "KE", "Tanzania Daily News": "TZ", "Daily News Egypt": "EG",
    "Kuwait Times": "KW", "The Korea Herald": "KR", "Korea Herald": "KR", "The Hindu": "IN",
    "Khmer Times": "KH", "Phnom Penh Post": "KH", "Montsame News": "MN",
    "WIC": "ET", "Walta Information Center": "ET", "Fana Broadcasting Corporate": "ET",
    "Rastriya Samachar Samiti": "NP", "Bakhtar": "AF",
}  # fmt: skip


def home_country(text: str, head_chars: int = 600) -> str | None:
    """The country a text is written from: the national news agency its first lines credit
    ('Hanoi (VNA) –', 'Addis Ababa (ENA)'). A dateline alone does not tell: correspondents
    file from abroad ('BEIJING — Korean President Lee …')."""
    head = (text or "")[:head_chars]
    found: list[str] = []
    agencies = "|".join(re.escape(n) for n in sorted(NEWS_AGENCIES, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w])(?:{agencies})(?![\w])", head, re.IGNORECASE):
        key = next(n for n in NEWS_AGENCIES if n.lower() == m.group(0).lower())
        if not key.isupper() or m.group(0).isupper():  # 'ENA', not 'ena'
            found.append(NEWS_AGENCIES[key])
    codes = set(found)
    return codes.pop() if len(codes) == 1 else None


def _parse() -> tuple[CountryName, ...]:
    rows = []
    for line in _TABLE.strip().splitlines():
        code, name, others, adjectives = line.split("|")
        rows.append(
            CountryName(
                code=code,
                name=name,
                other_names=tuple(x for x in others.split(";") if x),
                adjectives=tuple(x for x in adjectives.split(";") if x),
            )
        )
    return tuple(rows)


COUNTRIES: tuple[CountryName, ...] = _parse()
BY_CODE = {c.code: c for c in COUNTRIES}


@cache
def _lookup() -> dict[str, str]:
    """Lower-cased surface form -> code; names win over adjectives when they collide."""
    out: dict[str, str] = {}
    for c in COUNTRIES:
        for adj in c.adjectives:
            out.setdefault(adj.lower(), c.code)
    for c in COUNTRIES:
        for form in (c.name, *c.other_names):
            out[form.lower()] = c.code
            if not form.lower().startswith("the "):
                out["the " + form.lower()] = c.code
    return out


@cache
def _abbreviations() -> frozenset[str]:
    """Forms written in capitals in the table ('US', 'PRC'): matched only in capitals."""
    return frozenset(
        f.lower() for c in COUNTRIES for f in c.other_names if f.replace(".", "").isupper()
    )


@cache
def country_pattern() -> re.Pattern:
    """A regex matching any surface form of any country (longest first), as whole words."""
    forms = [f for f in _lookup() if not f.startswith("the ")]
    return re.compile(rf"(?<!\w)(?i:{_trie_pattern(forms)})(?!\w)")


def _trie_pattern(forms: list[str]) -> str:
    """An alternation of the forms as a tree of shared prefixes ('south (?:africa|korea)'):
    the same longest match as a flat longest-first alternation, read in one pass instead of
    trying every form at every word."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a shorter form ends here: the longer ones are tried first
            return f"(?:{body})?"
        return body

    return build(trie)


def find_country(phrase: str) -> str | None:
    """The code of the country a phrase names exactly ('Japanese', 'Kingdom of Cambodia')."""
    return _lookup().get((phrase or "").strip().lower())


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """Every country mention in a text: (start, end, code), in order.

    Upper-case short forms ('US', 'UK') only count when written in capitals, so the word
    'us' is not the United States.
    """
    return list(_countries_in(text or ""))


@lru_cache(maxsize=512)  # extraction asks about the same sentences and texts again
def _countries_in(text: str) -> tuple[tuple[int, int, str], ...]:
    out = []
    for m in country_pattern().finditer(text or ""):
        surface = m.group(0)
        if surface[0].islower() or (surface.lower() in _abbreviations() and not surface.isupper()):
            continue
        out.append((m.start(), m.end(), _lookup()[surface.lower()]))
    return tuple(out)
