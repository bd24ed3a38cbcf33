"""The words synthetic articles are made of, and the weights that shape the data set.

Data tables only (see bench/README.md, "Data set", for the distributions they give).
"""

from __future__ import annotations

from claims.extract.lexicon import MONTH_NAMES

# The terms the search benchmark uses; ``term_counts`` reports their real frequencies.
COMMON_TERM = "sanctions"
RARE_TERM = "Tbilisi"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Maria Elena Olga Sofia Laura Irina Hanna Marta Nina Julia Clara Eva Lena Vera Ada "
    "Rosa Lucia Alice Emma Grace Helen Diana Karin Petra Ingrid Yuki Amira Leila Priya Mei "
    "Fatima Zara Noor Ines Carmen Isabel Teresa Agnes Beatrix Dorota Katarzyna Zofia Milena "
    "John Peter Michael David James Robert Thomas Daniel Mark Paul Andrew Stefan Igor Oleg "
    "Viktor Pavel Dmitri Sergei Mikhail Ivan Jan Tomas Lukas Felix Hugo Oscar Marco Luca "
    "Carlos Diego Javier Pablo Rafael Ahmed Omar Karim Yusuf Ali Hassan Raj Arjun Vikram Wei "
    "Chen Kenji Hiro Samuel Benjamin Henry Edward George William Charles Frank Walter Arthur "
    "Nikolai Boris Yuri Anton Maksym Taras Bohdan Andriy Ruslan Emil Henrik Lars Nils Sven "
    "Kwame Kofi Tunde Chidi Amara Ngozi Abebe Tariq Rami Nadia Layla Selin Emre Kemal Mehmet"
)
LAST_NAMES = _words(
    "Novak Kowalski Petrov Ivanova Schmidt Muller Weber Fischer Becker Hoffmann Schulz Kraus "
    "Rossi Russo Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Ferrari "
    "Garcia Martinez Lopez Gonzalez Rodriguez Fernandez Sanchez Perez Ramirez Torres Flores "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson "
    "Martin Lee Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott "
    "Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Kovalenko Bondarenko Tkachenko Shevchenko Melnyk Boyko Kravets Oliynyk Lysenko Moroz "
    "Sokolov Popov Lebedev Kozlov Morozov Volkov Solovyov Vasiliev Zaitsev Pavlov Semenov "
    "Nowak Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Dabrowski Kozlowski "
    "Horvath Nagy Toth Szabo Kiss Molnar Varga Farkas Balogh Papp Lakatos Takacs Juhasz "
    "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Sato "
    "Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Wang Zhang Liu Yang Huang Zhao Zhou Wu "
    "Okafor Mensah Adeyemi Owusu Diallo Traore Keita Haddad Khoury Nasser Farouk Mansour "
    "Yilmaz Kaya Demir Celik Sahin Ozturk Aydin Arslan Dogan Kilic Aslan Cetin Kara Koc "
    "Jensen Nielsen Hansen Pedersen Andersen Larsen Berg Lindqvist Johansson Eriksson Nyberg"
)
ROLES = (
    "Minister of Finance",
    "Foreign Minister",
    "Defence Minister",
    "Energy Minister",
    "Trade Minister",
    "Prime Minister",
    "President",
    "Senator",
    "Member of Parliament",
    "Government spokesperson",
    "Central bank governor",
    "Economist",
    "Analyst",
    "Ambassador",
    "Mayor",
    "Governor",
    "Chief executive",
    "Union leader",
    "Opposition leader",
    "Army general",
)
ORG_FIRST = _words(
    "National Federal European International Central United Regional Northern Southern "
    "Eastern Western Atlantic Pacific Baltic Continental Global Independent Public Allied "
    "Coastal"
)
ORG_MIDDLE = _words(
    "Energy Health Trade Defence Grain Shipping Banking Water Rail Steel Aviation Mining "
    "Farming Media Labour Housing Climate Science Export Fisheries"
)
ORG_LAST = _words(
    "Agency Council Commission Authority Union Bank Institute Committee Association Fund "
    "Alliance Board Forum Office Federation"
)
PUBLISHERS = (
    "Example News",
    "The Daily Ledger",
    "Northern Herald",
    "Global Wire",
    "Capital Times",
    "The Evening Post",
    "Metro Chronicle",
    "Harbor Gazette",
    "Continental Review",
    "Riverside Courier",
    "Eastern Dispatch",
    "Pacific Tribune",
    "Atlantic Monitor",
    "City Bulletin",
    "Morning Standard",
    "Union Journal",
    "Frontier Press",
    "Lakeside Sentinel",
    "Summit Report",
    "Plains Observer",
)
SECTIONS = ("news", "politics", "business", "world", "commentary")
SECTION_WEIGHTS = (50, 20, 15, 10, 5)

# Topic nouns with weights in percent of claims. "sanctions" is the common benchmark term.
TOPICS: tuple[tuple[str, float], ...] = (
    ("sanctions", 20.0),
    ("tariffs", 8.0),
    ("inflation", 7.0),
    ("ceasefire", 6.0),
    ("energy prices", 6.0),
    ("grain exports", 5.0),
    ("military aid", 5.0),
    ("interest rates", 4.0),
    ("budget deficits", 4.0),
    ("gas supplies", 4.0),
    ("refugee quotas", 3.0),
    ("defence spending", 3.0),
    ("oil revenues", 3.0),
    ("peace plans", 3.0),
    ("pension reform", 2.5),
    ("unemployment", 2.5),
    ("election security", 2.0),
    ("food prices", 2.0),
    ("trade agreements", 2.0),
    ("border controls", 2.0),
    ("drone strikes", 1.5),
    ("cyber attacks", 1.0),
    ("vaccine stocks", 1.0),
    ("shipping insurance", 0.5),
    ("fertiliser exports", 0.5),
    ("desalination plants", 0.2),
    ("lithium mining", 0.2),
    ("satellite launches", 0.1),
)
ADJECTIVES = (
    "new",
    "tougher",
    "additional",
    "emergency",
    "long-term",
    "temporary",
    "sweeping",
    "limited",
    "targeted",
    "unprecedented",
    "planned",
    "proposed",
    "existing",
    "record",
    "controversial",
    "joint",
)
TAILS = (
    "",
    "",
    "",
    " on Russian banks",
    " for small businesses",
    " on steel imports",
    " in the eastern regions",
    " across the European Union",
    " for the coming winter",
    " at the Black Sea ports",
    " for state companies",
    " on luxury goods",
    " for farmers",
    " on technology exports",
)
VERBS = (
    "announced",
    "rejected",
    "approved",
    "blocked",
    "signed",
    "criticised",
    "proposed",
    "welcomed",
    "delayed",
    "has backed",
    "will review",
    "agreed to",
    "voted against",
    "called for",
    "warned against",
    "played down",
    "ruled out",
    "defended",
    "questioned",
    "promised",
)
RISE = ("rose", "fell", "climbed", "dropped", "jumped", "slipped", "doubled", "stalled")
UNITS = (
    "percent",
    "billion dollars",
    "million euros",
    "troops",
    "tonnes of wheat",
    "barrels a day",
    "jobs",
    "households",
)
QUOTE_OPENERS = (
    "We will not accept",
    "There is no evidence for",
    "Nobody asked us about",
    "We have always supported",
    "This is the end of",
    "We are ready to discuss",
    "Our position on",
    "History will judge",
)
CITIES = (
    "Kyiv",
    "Moscow",
    "Washington",
    "Brussels",
    "Geneva",
    "Berlin",
    "Paris",
    "London",
    "Warsaw",
    "Riyadh",
    "Istanbul",
    "Beijing",
    "Vienna",
    "Rome",
    "Madrid",
    "Ankara",
    "Doha",
    "Tokyo",
    "New York",
    "Budapest",
)
# Each appears in ~0.01 % of claims: ~3 % of claims name one of ~300 rare places.
RARE_CITIES = _words(
    "Tbilisi Yerevan Baku Chisinau Vilnius Riga Tallinn Minsk Bratislava Ljubljana Zagreb "
    "Sarajevo Podgorica Skopje Tirana Pristina Sofia Bucharest Odesa Kharkiv Dnipro Lviv "
    "Zaporizhzhia Mykolaiv Kherson Mariupol Poltava Chernihiv Sumy Vinnytsia Uzhhorod Lutsk "
    "Rivne Ternopil Ivano-Frankivsk Chernivtsi Kropyvnytskyi Cherkasy Zhytomyr Kramatorsk "
    "Sloviansk Bakhmut Avdiivka Pokrovsk Kupiansk Izium Melitopol Berdiansk Nikopol "
    "Enerhodar Kaliningrad Murmansk Arkhangelsk Novosibirsk Yekaterinburg Kazan Samara "
    "Rostov Volgograd Krasnodar Sochi Sevastopol Simferopol Kerch Novorossiysk Vladivostok "
    "Khabarovsk Irkutsk Omsk Tomsk Ufa Perm Saratov Voronezh Belgorod Kursk Bryansk "
    "Smolensk Pskov Tver Yaroslavl Gdansk Szczecin Wroclaw Poznan Lodz Lublin Rzeszow "
    "Bialystok Olsztyn Katowice Krakow Debrecen Szeged Pecs Gyor Miskolc Brno Ostrava "
    "Plzen Olomouc Kosice Presov Zilina Nitra Cluj Iasi Timisoara Constanta Galati Brasov "
    "Craiova Varna Burgas Plovdiv Ruse Thessaloniki Patras Heraklion Larissa Izmir Antalya "
    "Bursa Adana Gaziantep Konya Trabzon Samsun Erzurum Diyarbakir Mersin Aleppo Homs "
    "Latakia Tartus Idlib Raqqa Deir Mosul Basra Erbil Kirkuk Najaf Karbala Tabriz "
    "Isfahan Shiraz Mashhad Qom Ahvaz Haifa Eilat Ashdod Hebron Nablus Jenin Rafah "
    "Amman Aqaba Beirut Tripoli Sidon Tyre Benghazi Misrata Tunis Sfax Algiers Oran "
    "Casablanca Rabat Tangier Marrakesh Fez Agadir Alexandria Aswan Luxor Suez Khartoum "
    "Omdurman Juba Asmara Djibouti Mogadishu Hargeisa Nairobi Mombasa Kisumu Kampala "
    "Kigali Bujumbura Dodoma Zanzibar Lusaka Harare Bulawayo Maputo Beira Lilongwe "
    "Blantyre Windhoek Gaborone Maseru Mbabane Durban Pretoria Soweto Bloemfontein "
    "Kimberley Luanda Benguela Kinshasa Lubumbashi Goma Bukavu Brazzaville Libreville "
    "Douala Yaounde Abuja Kano Ibadan Enugu Accra Kumasi Tamale Lome Cotonou Niamey "
    "Bamako Ouagadougou Dakar Banjul Conakry Freetown Monrovia Nouakchott Ndjamena "
    "Bangui Malabo Almaty Astana Bishkek Osh Dushanbe Tashkent Samarkand Bukhara "
    "Ashgabat Kabul Herat Kandahar Mazar Peshawar Quetta Lahore Karachi Multan Faisalabad "
    "Chittagong Sylhet Kathmandu Pokhara Thimphu Colombo Kandy Jaffna Male Yangon "
    "Mandalay Naypyidaw Vientiane Phnom Siem Hanoi Haiphong Danang Hue Cebu Davao Iloilo "
    "Medan Surabaya Bandung Makassar Semarang Palembang Kuching Penang Ipoh Darwin "
    "Cairns Hobart Nuku Suva Apia Honiara"
)
FILLERS = (
    "The ministry did not respond to a request for comment.",
    "Officials declined to give further details.",
    "The talks are expected to continue next week.",
    "Markets reacted calmly to the news.",
    "The full text of the statement was not published.",
    "Reporters were not allowed into the meeting.",
)
MONTHS = MONTH_NAMES
VERDICT_WEIGHTS = (("contradicted", 35), ("corroborated", 30), ("unverifiable", 20), ("mixed", 15))
NOTES = {
    "contradicted": "Official figures contradict the claim.",
    "corroborated": "Confirmed by two independent sources.",
    "unverifiable": "No public record either way.",
    "mixed": "Partly true: the figure is right, the date is not.",
    "unverified": "",
}
STANCE_FOR = {
    "contradicted": "refutes",
    "corroborated": "supports",
    "mixed": "context",
    "unverifiable": "context",
}
RELATIONS = (("corroborates", 45), ("contradicts", 35), ("duplicates", 20))
EVENT_STATUS = (("confirmed", 80), ("suggested", 15), ("dismissed", 5))
REASONS = ("number", "date", "quote", "named actor")
