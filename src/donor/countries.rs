//! ISO 3166-1: alpha-2, alpha-3 and an English short name for each of
//! the 249 officially assigned codes. Sorted by alpha-2 (a unit test checks).

use super::Country;

/// One row: alpha-2, alpha-3, name.
pub(crate) type Row = (&'static str, &'static str, &'static str);

pub(crate) const TABLE: &[Row] = &[
    ("AD", "AND", "Andorra"),
    ("AE", "ARE", "United Arab Emirates"),
    ("AF", "AFG", "Afghanistan"),
    ("AG", "ATG", "Antigua and Barbuda"),
    ("AI", "AIA", "Anguilla"),
    ("AL", "ALB", "Albania"),
    ("AM", "ARM", "Armenia"),
    ("AO", "AGO", "Angola"),
    ("AQ", "ATA", "Antarctica"),
    ("AR", "ARG", "Argentina"),
    ("AS", "ASM", "American Samoa"),
    ("AT", "AUT", "Austria"),
    ("AU", "AUS", "Australia"),
    ("AW", "ABW", "Aruba"),
    ("AX", "ALA", "Åland Islands"),
    ("AZ", "AZE", "Azerbaijan"),
    ("BA", "BIH", "Bosnia and Herzegovina"),
    ("BB", "BRB", "Barbados"),
    ("BD", "BGD", "Bangladesh"),
    ("BE", "BEL", "Belgium"),
    ("BF", "BFA", "Burkina Faso"),
    ("BG", "BGR", "Bulgaria"),
    ("BH", "BHR", "Bahrain"),
    ("BI", "BDI", "Burundi"),
    ("BJ", "BEN", "Benin"),
    ("BL", "BLM", "Saint Barthélemy"),
    ("BM", "BMU", "Bermuda"),
    ("BN", "BRN", "Brunei Darussalam"),
    ("BO", "BOL", "Bolivia"),
    ("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "BRA", "Brazil"),
    ("BS", "BHS", "Bahamas"),
    ("BT", "BTN", "Bhutan"),
    ("BV", "BVT", "Bouvet Island"),
    ("BW", "BWA", "Botswana"),
    ("BY", "BLR", "Belarus"),
    ("BZ", "BLZ", "Belize"),
    ("CA", "CAN", "Canada"),
    ("CC", "CCK", "Cocos (Keeling) Islands"),
    ("CD", "COD", "Democratic Republic of the Congo"),
    ("CF", "CAF", "Central African Republic"),
    ("CG", "COG", "Congo"),
    ("CH", "CHE", "Switzerland"),
    ("CI", "CIV", "Côte d'Ivoire"),
    ("CK", "COK", "Cook Islands"),
    ("CL", "CHL", "Chile"),
    ("CM", "CMR", "Cameroon"),
    ("CN", "CHN", "China"),
    ("CO", "COL", "Colombia"),
    ("CR", "CRI", "Costa Rica"),
    ("CU", "CUB", "Cuba"),
    ("CV", "CPV", "Cabo Verde"),
    ("CW", "CUW", "Curaçao"),
    ("CX", "CXR", "Christmas Island"),
    ("CY", "CYP", "Cyprus"),
    ("CZ", "CZE", "Czechia"),
    ("DE", "DEU", "Germany"),
    ("DJ", "DJI", "Djibouti"),
    ("DK", "DNK", "Denmark"),
    ("DM", "DMA", "Dominica"),
    ("DO", "DOM", "Dominican Republic"),
    ("DZ", "DZA", "Algeria"),
    ("EC", "ECU", "Ecuador"),
    ("EE", "EST", "Estonia"),
    ("EG", "EGY", "Egypt"),
    ("EH", "ESH", "Western Sahara"),
    ("ER", "ERI", "Eritrea"),
    ("ES", "ESP", "Spain"),
    ("ET", "ETH", "Ethiopia"),
    ("FI", "FIN", "Finland"),
    ("FJ", "FJI", "Fiji"),
    ("FK", "FLK", "Falkland Islands (Malvinas)"),
    ("FM", "FSM", "Micronesia"),
    ("FO", "FRO", "Faroe Islands"),
    ("FR", "FRA", "France"),
    ("GA", "GAB", "Gabon"),
    ("GB", "GBR", "United Kingdom"),
    ("GD", "GRD", "Grenada"),
    ("GE", "GEO", "Georgia"),
    ("GF", "GUF", "French Guiana"),
    ("GG", "GGY", "Guernsey"),
    ("GH", "GHA", "Ghana"),
    ("GI", "GIB", "Gibraltar"),
    ("GL", "GRL", "Greenland"),
    ("GM", "GMB", "Gambia"),
    ("GN", "GIN", "Guinea"),
    ("GP", "GLP", "Guadeloupe"),
    ("GQ", "GNQ", "Equatorial Guinea"),
    ("GR", "GRC", "Greece"),
    ("GS", "SGS", "South Georgia and the South Sandwich Islands"),
    ("GT", "GTM", "Guatemala"),
    ("GU", "GUM", "Guam"),
    ("GW", "GNB", "Guinea-Bissau"),
    ("GY", "GUY", "Guyana"),
    ("HK", "HKG", "Hong Kong"),
    ("HM", "HMD", "Heard Island and McDonald Islands"),
    ("HN", "HND", "Honduras"),
    ("HR", "HRV", "Croatia"),
    ("HT", "HTI", "Haiti"),
    ("HU", "HUN", "Hungary"),
    ("ID", "IDN", "Indonesia"),
    ("IE", "IRL", "Ireland"),
    ("IL", "ISR", "Israel"),
    ("IM", "IMN", "Isle of Man"),
    ("IN", "IND", "India"),
    ("IO", "IOT", "British Indian Ocean Territory"),
    ("IQ", "IRQ", "Iraq"),
    ("IR", "IRN", "Iran"),
    ("IS", "ISL", "Iceland"),
    ("IT", "ITA", "Italy"),
    ("JE", "JEY", "Jersey"),
    ("JM", "JAM", "Jamaica"),
    ("JO", "JOR", "Jordan"),
    ("JP", "JPN", "Japan"),
    ("KE", "KEN", "Kenya"),
    ("KG", "KGZ", "Kyrgyzstan"),
    ("KH", "KHM", "Cambodia"),
    ("KI", "KIR", "Kiribati"),
    ("KM", "COM", "Comoros"),
    ("KN", "KNA", "Saint Kitts and Nevis"),
    ("KP", "PRK", "North Korea"),
    ("KR", "KOR", "South Korea"),
    ("KW", "KWT", "Kuwait"),
    ("KY", "CYM", "Cayman Islands"),
    ("KZ", "KAZ", "Kazakhstan"),
    ("LA", "LAO", "Laos"),
    ("LB", "LBN", "Lebanon"),
    ("LC", "LCA", "Saint Lucia"),
    ("LI", "LIE", "Liechtenstein"),
    ("LK", "LKA", "Sri Lanka"),
    ("LR", "LBR", "Liberia"),
    ("LS", "LSO", "Lesotho"),
    ("LT", "LTU", "Lithuania"),
    ("LU", "LUX", "Luxembourg"),
    ("LV", "LVA", "Latvia"),
    ("LY", "LBY", "Libya"),
    ("MA", "MAR", "Morocco"),
    ("MC", "MCO", "Monaco"),
    ("MD", "MDA", "Moldova"),
    ("ME", "MNE", "Montenegro"),
    ("MF", "MAF", "Saint Martin (French part)"),
    ("MG", "MDG", "Madagascar"),
    ("MH", "MHL", "Marshall Islands"),
    ("MK", "MKD", "North Macedonia"),
    ("ML", "MLI", "Mali"),
    ("MM", "MMR", "Myanmar"),
    ("MN", "MNG", "Mongolia"),
    ("MO", "MAC", "Macao"),
    ("MP", "MNP", "Northern Mariana Islands"),
    ("MQ", "MTQ", "Martinique"),
    ("MR", "MRT", "Mauritania"),
    ("MS", "MSR", "Montserrat"),
    ("MT", "MLT", "Malta"),
    ("MU", "MUS", "Mauritius"),
    ("MV", "MDV", "Maldives"),
    ("MW", "MWI", "Malawi"),
    ("MX", "MEX", "Mexico"),
    ("MY", "MYS", "Malaysia"),
    ("MZ", "MOZ", "Mozambique"),
    ("NA", "NAM", "Namibia"),
    ("NC", "NCL", "New Caledonia"),
    ("NE", "NER", "Niger"),
    ("NF", "NFK", "Norfolk Island"),
    ("NG", "NGA", "Nigeria"),
    ("NI", "NIC", "Nicaragua"),
    ("NL", "NLD", "Netherlands"),
    ("NO", "NOR", "Norway"),
    ("NP", "NPL", "Nepal"),
    ("NR", "NRU", "Nauru"),
    ("NU", "NIU", "Niue"),
    ("NZ", "NZL", "New Zealand"),
    ("OM", "OMN", "Oman"),
    ("PA", "PAN", "Panama"),
    ("PE", "PER", "Peru"),
    ("PF", "PYF", "French Polynesia"),
    ("PG", "PNG", "Papua New Guinea"),
    ("PH", "PHL", "Philippines"),
    ("PK", "PAK", "Pakistan"),
    ("PL", "POL", "Poland"),
    ("PM", "SPM", "Saint Pierre and Miquelon"),
    ("PN", "PCN", "Pitcairn"),
    ("PR", "PRI", "Puerto Rico"),
    ("PS", "PSE", "Palestine"),
    ("PT", "PRT", "Portugal"),
    ("PW", "PLW", "Palau"),
    ("PY", "PRY", "Paraguay"),
    ("QA", "QAT", "Qatar"),
    ("RE", "REU", "Réunion"),
    ("RO", "ROU", "Romania"),
    ("RS", "SRB", "Serbia"),
    ("RU", "RUS", "Russia"),
    ("RW", "RWA", "Rwanda"),
    ("SA", "SAU", "Saudi Arabia"),
    ("SB", "SLB", "Solomon Islands"),
    ("SC", "SYC", "Seychelles"),
    ("SD", "SDN", "Sudan"),
    ("SE", "SWE", "Sweden"),
    ("SG", "SGP", "Singapore"),
    ("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SI", "SVN", "Slovenia"),
    ("SJ", "SJM", "Svalbard and Jan Mayen"),
    ("SK", "SVK", "Slovakia"),
    ("SL", "SLE", "Sierra Leone"),
    ("SM", "SMR", "San Marino"),
    ("SN", "SEN", "Senegal"),
    ("SO", "SOM", "Somalia"),
    ("SR", "SUR", "Suriname"),
    ("SS", "SSD", "South Sudan"),
    ("ST", "STP", "Sao Tome and Principe"),
    ("SV", "SLV", "El Salvador"),
    ("SX", "SXM", "Sint Maarten (Dutch part)"),
    ("SY", "SYR", "Syria"),
    ("SZ", "SWZ", "Eswatini"),
    ("TC", "TCA", "Turks and Caicos Islands"),
    ("TD", "TCD", "Chad"),
    ("TF", "ATF", "French Southern Territories"),
    ("TG", "TGO", "Togo"),
    ("TH", "THA", "Thailand"),
    ("TJ", "TJK", "Tajikistan"),
    ("TK", "TKL", "Tokelau"),
    ("TL", "TLS", "Timor-Leste"),
    ("TM", "TKM", "Turkmenistan"),
    ("TN", "TUN", "Tunisia"),
    ("TO", "TON", "Tonga"),
    ("TR", "TUR", "Türkiye"),
    ("TT", "TTO", "Trinidad and Tobago"),
    ("TV", "TUV", "Tuvalu"),
    ("TW", "TWN", "Taiwan"),
    ("TZ", "TZA", "Tanzania"),
    ("UA", "UKR", "Ukraine"),
    ("UG", "UGA", "Uganda"),
    ("UM", "UMI", "United States Minor Outlying Islands"),
    ("US", "USA", "United States"),
    ("UY", "URY", "Uruguay"),
    ("UZ", "UZB", "Uzbekistan"),
    ("VA", "VAT", "Holy See"),
    ("VC", "VCT", "Saint Vincent and the Grenadines"),
    ("VE", "VEN", "Venezuela"),
    ("VG", "VGB", "British Virgin Islands"),
    ("VI", "VIR", "United States Virgin Islands"),
    ("VN", "VNM", "Viet Nam"),
    ("VU", "VUT", "Vanuatu"),
    ("WF", "WLF", "Wallis and Futuna"),
    ("WS", "WSM", "Samoa"),
    ("YE", "YEM", "Yemen"),
    ("YT", "MYT", "Mayotte"),
    ("ZA", "ZAF", "South Africa"),
    ("ZM", "ZMB", "Zambia"),
    ("ZW", "ZWE", "Zimbabwe"),
];

impl Country {
    /// Andorra.
    pub const AD: Country = Country { index: 0 };
    /// United Arab Emirates.
    pub const AE: Country = Country { index: 1 };
    /// Afghanistan.
    pub const AF: Country = Country { index: 2 };
    /// Antigua and Barbuda.
    pub const AG: Country = Country { index: 3 };
    /// Anguilla.
    pub const AI: Country = Country { index: 4 };
    /// Albania.
    pub const AL: Country = Country { index: 5 };
    /// Armenia.
    pub const AM: Country = Country { index: 6 };
    /// Angola.
    pub const AO: Country = Country { index: 7 };
    /// Antarctica.
    pub const AQ: Country = Country { index: 8 };
    /// Argentina.
    pub const AR: Country = Country { index: 9 };
    /// American Samoa.
    pub const AS: Country = Country { index: 10 };
    /// Austria.
    pub const AT: Country = Country { index: 11 };
    /// Australia.
    pub const AU: Country = Country { index: 12 };
    /// Aruba.
    pub const AW: Country = Country { index: 13 };
    /// Åland Islands.
    pub const AX: Country = Country { index: 14 };
    /// Azerbaijan.
    pub const AZ: Country = Country { index: 15 };
    /// Bosnia and Herzegovina.
    pub const BA: Country = Country { index: 16 };
    /// Barbados.
    pub const BB: Country = Country { index: 17 };
    /// Bangladesh.
    pub const BD: Country = Country { index: 18 };
    /// Belgium.
    pub const BE: Country = Country { index: 19 };
    /// Burkina Faso.
    pub const BF: Country = Country { index: 20 };
    /// Bulgaria.
    pub const BG: Country = Country { index: 21 };
    /// Bahrain.
    pub const BH: Country = Country { index: 22 };
    /// Burundi.
    pub const BI: Country = Country { index: 23 };
    /// Benin.
    pub const BJ: Country = Country { index: 24 };
    /// Saint Barthélemy.
    pub const BL: Country = Country { index: 25 };
    /// Bermuda.
    pub const BM: Country = Country { index: 26 };
    /// Brunei Darussalam.
    pub const BN: Country = Country { index: 27 };
    /// Bolivia.
    pub const BO: Country = Country { index: 28 };
    /// Bonaire, Sint Eustatius and Saba.
    pub const BQ: Country = Country { index: 29 };
    /// Brazil.
    pub const BR: Country = Country { index: 30 };
    /// Bahamas.
    pub const BS: Country = Country { index: 31 };
    /// Bhutan.
    pub const BT: Country = Country { index: 32 };
    /// Bouvet Island.
    pub const BV: Country = Country { index: 33 };
    /// Botswana.
    pub const BW: Country = Country { index: 34 };
    /// Belarus.
    pub const BY: Country = Country { index: 35 };
    /// Belize.
    pub const BZ: Country = Country { index: 36 };
    /// Canada.
    pub const CA: Country = Country { index: 37 };
    /// Cocos (Keeling) Islands.
    pub const CC: Country = Country { index: 38 };
    /// Democratic Republic of the Congo.
    pub const CD: Country = Country { index: 39 };
    /// Central African Republic.
    pub const CF: Country = Country { index: 40 };
    /// Congo.
    pub const CG: Country = Country { index: 41 };
    /// Switzerland.
    pub const CH: Country = Country { index: 42 };
    /// Côte d'Ivoire.
    pub const CI: Country = Country { index: 43 };
    /// Cook Islands.
    pub const CK: Country = Country { index: 44 };
    /// Chile.
    pub const CL: Country = Country { index: 45 };
    /// Cameroon.
    pub const CM: Country = Country { index: 46 };
    /// China.
    pub const CN: Country = Country { index: 47 };
    /// Colombia.
    pub const CO: Country = Country { index: 48 };
    /// Costa Rica.
    pub const CR: Country = Country { index: 49 };
    /// Cuba.
    pub const CU: Country = Country { index: 50 };
    /// Cabo Verde.
    pub const CV: Country = Country { index: 51 };
    /// Curaçao.
    pub const CW: Country = Country { index: 52 };
    /// Christmas Island.
    pub const CX: Country = Country { index: 53 };
    /// Cyprus.
    pub const CY: Country = Country { index: 54 };
    /// Czechia.
    pub const CZ: Country = Country { index: 55 };
    /// Germany.
    pub const DE: Country = Country { index: 56 };
    /// Djibouti.
    pub const DJ: Country = Country { index: 57 };
    /// Denmark.
    pub const DK: Country = Country { index: 58 };
    /// Dominica.
    pub const DM: Country = Country { index: 59 };
    /// Dominican Republic.
    pub const DO: Country = Country { index: 60 };
    /// Algeria.
    pub const DZ: Country = Country { index: 61 };
    /// Ecuador.
    pub const EC: Country = Country { index: 62 };
    /// Estonia.
    pub const EE: Country = Country { index: 63 };
    /// Egypt.
    pub const EG: Country = Country { index: 64 };
    /// Western Sahara.
    pub const EH: Country = Country { index: 65 };
    /// Eritrea.
    pub const ER: Country = Country { index: 66 };
    /// Spain.
    pub const ES: Country = Country { index: 67 };
    /// Ethiopia.
    pub const ET: Country = Country { index: 68 };
    /// Finland.
    pub const FI: Country = Country { index: 69 };
    /// Fiji.
    pub const FJ: Country = Country { index: 70 };
    /// Falkland Islands (Malvinas).
    pub const FK: Country = Country { index: 71 };
    /// Micronesia.
    pub const FM: Country = Country { index: 72 };
    /// Faroe Islands.
    pub const FO: Country = Country { index: 73 };
    /// France.
    pub const FR: Country = Country { index: 74 };
    /// Gabon.
    pub const GA: Country = Country { index: 75 };
    /// United Kingdom.
    pub const GB: Country = Country { index: 76 };
    /// Grenada.
    pub const GD: Country = Country { index: 77 };
    /// Georgia.
    pub const GE: Country = Country { index: 78 };
    /// French Guiana.
    pub const GF: Country = Country { index: 79 };
    /// Guernsey.
    pub const GG: Country = Country { index: 80 };
    /// Ghana.
    pub const GH: Country = Country { index: 81 };
    /// Gibraltar.
    pub const GI: Country = Country { index: 82 };
    /// Greenland.
    pub const GL: Country = Country { index: 83 };
    /// Gambia.
    pub const GM: Country = Country { index: 84 };
    /// Guinea.
    pub const GN: Country = Country { index: 85 };
    /// Guadeloupe.
    pub const GP: Country = Country { index: 86 };
    /// Equatorial Guinea.
    pub const GQ: Country = Country { index: 87 };
    /// Greece.
    pub const GR: Country = Country { index: 88 };
    /// South Georgia and the South Sandwich Islands.
    pub const GS: Country = Country { index: 89 };
    /// Guatemala.
    pub const GT: Country = Country { index: 90 };
    /// Guam.
    pub const GU: Country = Country { index: 91 };
    /// Guinea-Bissau.
    pub const GW: Country = Country { index: 92 };
    /// Guyana.
    pub const GY: Country = Country { index: 93 };
    /// Hong Kong.
    pub const HK: Country = Country { index: 94 };
    /// Heard Island and McDonald Islands.
    pub const HM: Country = Country { index: 95 };
    /// Honduras.
    pub const HN: Country = Country { index: 96 };
    /// Croatia.
    pub const HR: Country = Country { index: 97 };
    /// Haiti.
    pub const HT: Country = Country { index: 98 };
    /// Hungary.
    pub const HU: Country = Country { index: 99 };
    /// Indonesia.
    pub const ID: Country = Country { index: 100 };
    /// Ireland.
    pub const IE: Country = Country { index: 101 };
    /// Israel.
    pub const IL: Country = Country { index: 102 };
    /// Isle of Man.
    pub const IM: Country = Country { index: 103 };
    /// India.
    pub const IN: Country = Country { index: 104 };
    /// British Indian Ocean Territory.
    pub const IO: Country = Country { index: 105 };
    /// Iraq.
    pub const IQ: Country = Country { index: 106 };
    /// Iran.
    pub const IR: Country = Country { index: 107 };
    /// Iceland.
    pub const IS: Country = Country { index: 108 };
    /// Italy.
    pub const IT: Country = Country { index: 109 };
    /// Jersey.
    pub const JE: Country = Country { index: 110 };
    /// Jamaica.
    pub const JM: Country = Country { index: 111 };
    /// Jordan.
    pub const JO: Country = Country { index: 112 };
    /// Japan.
    pub const JP: Country = Country { index: 113 };
    /// Kenya.
    pub const KE: Country = Country { index: 114 };
    /// Kyrgyzstan.
    pub const KG: Country = Country { index: 115 };
    /// Cambodia.
    pub const KH: Country = Country { index: 116 };
    /// Kiribati.
    pub const KI: Country = Country { index: 117 };
    /// Comoros.
    pub const KM: Country = Country { index: 118 };
    /// Saint Kitts and Nevis.
    pub const KN: Country = Country { index: 119 };
    /// North Korea.
    pub const KP: Country = Country { index: 120 };
    /// South Korea.
    pub const KR: Country = Country { index: 121 };
    /// Kuwait.
    pub const KW: Country = Country { index: 122 };
    /// Cayman Islands.
    pub const KY: Country = Country { index: 123 };
    /// Kazakhstan.
    pub const KZ: Country = Country { index: 124 };
    /// Laos.
    pub const LA: Country = Country { index: 125 };
    /// Lebanon.
    pub const LB: Country = Country { index: 126 };
    /// Saint Lucia.
    pub const LC: Country = Country { index: 127 };
    /// Liechtenstein.
    pub const LI: Country = Country { index: 128 };
    /// Sri Lanka.
    pub const LK: Country = Country { index: 129 };
    /// Liberia.
    pub const LR: Country = Country { index: 130 };
    /// Lesotho.
    pub const LS: Country = Country { index: 131 };
    /// Lithuania.
    pub const LT: Country = Country { index: 132 };
    /// Luxembourg.
    pub const LU: Country = Country { index: 133 };
    /// Latvia.
    pub const LV: Country = Country { index: 134 };
    /// Libya.
    pub const LY: Country = Country { index: 135 };
    /// Morocco.
    pub const MA: Country = Country { index: 136 };
    /// Monaco.
    pub const MC: Country = Country { index: 137 };
    /// Moldova.
    pub const MD: Country = Country { index: 138 };
    /// Montenegro.
    pub const ME: Country = Country { index: 139 };
    /// Saint Martin (French part).
    pub const MF: Country = Country { index: 140 };
    /// Madagascar.
    pub const MG: Country = Country { index: 141 };
    /// Marshall Islands.
    pub const MH: Country = Country { index: 142 };
    /// North Macedonia.
    pub const MK: Country = Country { index: 143 };
    /// Mali.
    pub const ML: Country = Country { index: 144 };
    /// Myanmar.
    pub const MM: Country = Country { index: 145 };
    /// Mongolia.
    pub const MN: Country = Country { index: 146 };
    /// Macao.
    pub const MO: Country = Country { index: 147 };
    /// Northern Mariana Islands.
    pub const MP: Country = Country { index: 148 };
    /// Martinique.
    pub const MQ: Country = Country { index: 149 };
    /// Mauritania.
    pub const MR: Country = Country { index: 150 };
    /// Montserrat.
    pub const MS: Country = Country { index: 151 };
    /// Malta.
    pub const MT: Country = Country { index: 152 };
    /// Mauritius.
    pub const MU: Country = Country { index: 153 };
    /// Maldives.
    pub const MV: Country = Country { index: 154 };
    /// Malawi.
    pub const MW: Country = Country { index: 155 };
    /// Mexico.
    pub const MX: Country = Country { index: 156 };
    /// Malaysia.
    pub const MY: Country = Country { index: 157 };
    /// Mozambique.
    pub const MZ: Country = Country { index: 158 };
    /// Namibia.
    pub const NA: Country = Country { index: 159 };
    /// New Caledonia.
    pub const NC: Country = Country { index: 160 };
    /// Niger.
    pub const NE: Country = Country { index: 161 };
    /// Norfolk Island.
    pub const NF: Country = Country { index: 162 };
    /// Nigeria.
    pub const NG: Country = Country { index: 163 };
    /// Nicaragua.
    pub const NI: Country = Country { index: 164 };
    /// Netherlands.
    pub const NL: Country = Country { index: 165 };
    /// Norway.
    pub const NO: Country = Country { index: 166 };
    /// Nepal.
    pub const NP: Country = Country { index: 167 };
    /// Nauru.
    pub const NR: Country = Country { index: 168 };
    /// Niue.
    pub const NU: Country = Country { index: 169 };
    /// New Zealand.
    pub const NZ: Country = Country { index: 170 };
    /// Oman.
    pub const OM: Country = Country { index: 171 };
    /// Panama.
    pub const PA: Country = Country { index: 172 };
    /// Peru.
    pub const PE: Country = Country { index: 173 };
    /// French Polynesia.
    pub const PF: Country = Country { index: 174 };
    /// Papua New Guinea.
    pub const PG: Country = Country { index: 175 };
    /// Philippines.
    pub const PH: Country = Country { index: 176 };
    /// Pakistan.
    pub const PK: Country = Country { index: 177 };
    /// Poland.
    pub const PL: Country = Country { index: 178 };
    /// Saint Pierre and Miquelon.
    pub const PM: Country = Country { index: 179 };
    /// Pitcairn.
    pub const PN: Country = Country { index: 180 };
    /// Puerto Rico.
    pub const PR: Country = Country { index: 181 };
    /// Palestine.
    pub const PS: Country = Country { index: 182 };
    /// Portugal.
    pub const PT: Country = Country { index: 183 };
    /// Palau.
    pub const PW: Country = Country { index: 184 };
    /// Paraguay.
    pub const PY: Country = Country { index: 185 };
    /// Qatar.
    pub const QA: Country = Country { index: 186 };
    /// Réunion.
    pub const RE: Country = Country { index: 187 };
    /// Romania.
    pub const RO: Country = Country { index: 188 };
    /// Serbia.
    pub const RS: Country = Country { index: 189 };
    /// Russia.
    pub const RU: Country = Country { index: 190 };
    /// Rwanda.
    pub const RW: Country = Country { index: 191 };
    /// Saudi Arabia.
    pub const SA: Country = Country { index: 192 };
    /// Solomon Islands.
    pub const SB: Country = Country { index: 193 };
    /// Seychelles.
    pub const SC: Country = Country { index: 194 };
    /// Sudan.
    pub const SD: Country = Country { index: 195 };
    /// Sweden.
    pub const SE: Country = Country { index: 196 };
    /// Singapore.
    pub const SG: Country = Country { index: 197 };
    /// Saint Helena, Ascension and Tristan da Cunha.
    pub const SH: Country = Country { index: 198 };
    /// Slovenia.
    pub const SI: Country = Country { index: 199 };
    /// Svalbard and Jan Mayen.
    pub const SJ: Country = Country { index: 200 };
    /// Slovakia.
    pub const SK: Country = Country { index: 201 };
    /// Sierra Leone.
    pub const SL: Country = Country { index: 202 };
    /// San Marino.
    pub const SM: Country = Country { index: 203 };
    /// Senegal.
    pub const SN: Country = Country { index: 204 };
    /// Somalia.
    pub const SO: Country = Country { index: 205 };
    /// Suriname.
    pub const SR: Country = Country { index: 206 };
    /// South Sudan.
    pub const SS: Country = Country { index: 207 };
    /// Sao Tome and Principe.
    pub const ST: Country = Country { index: 208 };
    /// El Salvador.
    pub const SV: Country = Country { index: 209 };
    /// Sint Maarten (Dutch part).
    pub const SX: Country = Country { index: 210 };
    /// Syria.
    pub const SY: Country = Country { index: 211 };
    /// Eswatini.
    pub const SZ: Country = Country { index: 212 };
    /// Turks and Caicos Islands.
    pub const TC: Country = Country { index: 213 };
    /// Chad.
    pub const TD: Country = Country { index: 214 };
    /// French Southern Territories.
    pub const TF: Country = Country { index: 215 };
    /// Togo.
    pub const TG: Country = Country { index: 216 };
    /// Thailand.
    pub const TH: Country = Country { index: 217 };
    /// Tajikistan.
    pub const TJ: Country = Country { index: 218 };
    /// Tokelau.
    pub const TK: Country = Country { index: 219 };
    /// Timor-Leste.
    pub const TL: Country = Country { index: 220 };
    /// Turkmenistan.
    pub const TM: Country = Country { index: 221 };
    /// Tunisia.
    pub const TN: Country = Country { index: 222 };
    /// Tonga.
    pub const TO: Country = Country { index: 223 };
    /// Türkiye.
    pub const TR: Country = Country { index: 224 };
    /// Trinidad and Tobago.
    pub const TT: Country = Country { index: 225 };
    /// Tuvalu.
    pub const TV: Country = Country { index: 226 };
    /// Taiwan.
    pub const TW: Country = Country { index: 227 };
    /// Tanzania.
    pub const TZ: Country = Country { index: 228 };
    /// Ukraine.
    pub const UA: Country = Country { index: 229 };
    /// Uganda.
    pub const UG: Country = Country { index: 230 };
    /// United States Minor Outlying Islands.
    pub const UM: Country = Country { index: 231 };
    /// United States.
    pub const US: Country = Country { index: 232 };
    /// Uruguay.
    pub const UY: Country = Country { index: 233 };
    /// Uzbekistan.
    pub const UZ: Country = Country { index: 234 };
    /// Holy See.
    pub const VA: Country = Country { index: 235 };
    /// Saint Vincent and the Grenadines.
    pub const VC: Country = Country { index: 236 };
    /// Venezuela.
    pub const VE: Country = Country { index: 237 };
    /// British Virgin Islands.
    pub const VG: Country = Country { index: 238 };
    /// United States Virgin Islands.
    pub const VI: Country = Country { index: 239 };
    /// Viet Nam.
    pub const VN: Country = Country { index: 240 };
    /// Vanuatu.
    pub const VU: Country = Country { index: 241 };
    /// Wallis and Futuna.
    pub const WF: Country = Country { index: 242 };
    /// Samoa.
    pub const WS: Country = Country { index: 243 };
    /// Yemen.
    pub const YE: Country = Country { index: 244 };
    /// Mayotte.
    pub const YT: Country = Country { index: 245 };
    /// South Africa.
    pub const ZA: Country = Country { index: 246 };
    /// Zambia.
    pub const ZM: Country = Country { index: 247 };
    /// Zimbabwe.
    pub const ZW: Country = Country { index: 248 };
}
