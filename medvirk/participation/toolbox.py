"""The seeded toolbox: participation methods written for medvirk in bokmål, nynorsk and
English. Each text is a (nb, nn, en) triple; steps are one per line.

Plain data, loaded by the data migration ``0002_seed_toolbox`` and by ``methods_seed``.
"""

from __future__ import annotations

from typing import Any

T = tuple[str, str, str]

METHODS: list[dict[str, Any]] = [
    {
        "slug": "horing-pa-utkast",
        "effort": "medium",
        "input_kind": "comment",
        "name": ("Høring på utkast", "Høyring på utkast", "Hearing on a draft"),
        "purpose": (
            "Få merknader til et konkret utkast, avsnitt for avsnitt, før det vedtas.",
            "Få merknader til eit konkret utkast, avsnitt for avsnitt, før det blir vedteke.",
            "Collect comments on a concrete draft, section by section, before it is adopted.",
        ),
        "when": (
            "Når et planforslag, et veivalgdokument eller en strategi er skrevet og kan "
            "fortsatt endres.",
            "Når eit planforslag, eit vegvalsdokument eller ein strategi er skriven og "
            "framleis kan endrast.",
            "When a plan proposal, a choice-of-direction paper or a strategy is written and "
            "can still change.",
        ),
        "reaches": (
            "Organisasjoner, fagfolk og innbyggere som er vant til å lese saksdokumenter.",
            "Organisasjonar, fagfolk og innbyggjarar som er vane med å lese saksdokument.",
            "Organisations, professionals and residents used to reading case documents.",
        ),
        "misses": (
            "Unge, folk med lite tid og de som ikke leser lange dokumenter på norsk.",
            "Unge, folk med lite tid og dei som ikkje les lange dokument på norsk.",
            "Young people, people short of time and those who do not read long documents "
            "in Norwegian.",
        ),
        "accessibility": (
            "Del utkastet i korte avsnitt med klart språk, og gi et sammendrag på én side.",
            "Del utkastet i korte avsnitt med klårt språk, og gi eit samandrag på éi side.",
            "Split the draft into short sections in plain language, with a one-page summary.",
        ),
        "steps": (
            "Del utkastet i avsnitt\nPubliser med frist på minst seks uker\nTa imot "
            "merknader også på papir og e-post\nSvar på hver merknad\nPubliser "
            "merknadsbehandlingen",
            "Del utkastet i avsnitt\nPubliser med frist på minst seks veker\nTa imot "
            "merknader også på papir og e-post\nSvar på kvar merknad\nPubliser "
            "merknadshandsaminga",
            "Split the draft into sections\nPublish with a deadline of at least six weeks\n"
            "Accept comments on paper and by e-mail too\nAnswer every comment\nPublish the "
            "response to comments",
        ),
    },
    {
        "slug": "ideinnsamling",
        "effort": "low",
        "input_kind": "idea",
        "name": ("Idéinnsamling", "Idéinnsamling", "Idea collection"),
        "purpose": (
            "Samle forslag fra innbyggerne og la andre støtte dem.",
            "Samle forslag frå innbyggjarane og la andre støtte dei.",
            "Gather proposals from residents and let others support them.",
        ),
        "when": (
            "Tidlig, når kommunen vil vite hva folk ønsker seg, før noe er bestemt.",
            "Tidleg, når kommunen vil vite kva folk ønskjer seg, før noko er bestemt.",
            "Early, when the municipality wants to know what people wish for, before "
            "anything is decided.",
        ),
        "reaches": (
            "Engasjerte innbyggere, lag og foreninger, folk som er vant til nett.",
            "Engasjerte innbyggjarar, lag og foreiningar, folk som er vane med nett.",
            "Engaged residents, associations and people used to the web.",
        ),
        "misses": (
            "Eldre uten nett, nyankomne og de som ikke tror de blir hørt.",
            "Eldre utan nett, nykomne og dei som ikkje trur dei blir høyrde.",
            "Older people offline, newcomers and those who do not believe they are heard.",
        ),
        "accessibility": (
            "Godta korte innspill, bilder og innspill på papir på knutepunktet.",
            "Godta korte innspel, bilete og innspel på papir på knutepunktet.",
            "Accept short ideas, photos and ideas on paper at the hub.",
        ),
        "steps": (
            "Formuler et åpent spørsmål\nÅpne for idéer i fire uker\nSamle inn på papir "
            "på knutepunktet\nSvar på hver idé\nFortell hva som ble gjort",
            "Formuler eit ope spørsmål\nOpne for idear i fire veker\nSamle inn på papir "
            "på knutepunktet\nSvar på kvar idé\nFortel kva som vart gjort",
            "Ask one open question\nOpen for ideas for four weeks\nCollect ideas on paper "
            "at the hub\nAnswer every idea\nTell what was done",
        ),
    },
    {
        "slug": "sporreundersokelse",
        "effort": "low",
        "input_kind": "survey",
        "name": ("Spørreundersøkelse", "Spørjeundersøking", "Survey"),
        "purpose": (
            "Få svar fra mange på noen få, klare spørsmål.",
            "Få svar frå mange på nokre få, klåre spørsmål.",
            "Get answers from many people to a few clear questions.",
        ),
        "when": (
            "Når du vil sammenligne holdninger eller prioriteringer på tvers av bydeler.",
            "Når du vil samanlikne haldningar eller prioriteringar på tvers av bydelar.",
            "When you want to compare attitudes or priorities across districts.",
        ),
        "reaches": (
            "Mange på kort tid, også de som ikke vil skrive lange innspill.",
            "Mange på kort tid, også dei som ikkje vil skrive lange innspel.",
            "Many people quickly, including those who will not write long input.",
        ),
        "misses": (
            "Nyanser og begrunnelser; de som ikke leser godt.",
            "Nyansar og grunngivingar; dei som ikkje les godt.",
            "Nuances and reasons; people who do not read well.",
        ),
        "accessibility": (
            "Få spørsmål, enkelt språk, og tilby å svare på telefon.",
            "Få spørsmål, enkelt språk, og tilby å svare på telefon.",
            "Few questions, plain language, and offer to answer by phone.",
        ),
        "steps": (
            "Bestem hva svarene skal brukes til\nSkriv høyst ti spørsmål\nTest på fem "
            "personer\nÅpne i tre uker\nPubliser resultatene",
            "Bestem kva svara skal brukast til\nSkriv høgst ti spørsmål\nTest på fem "
            "personar\nOpne i tre veker\nPubliser resultata",
            "Decide what the answers will be used for\nWrite at most ten questions\nTest "
            "with five people\nOpen for three weeks\nPublish the results",
        ),
    },
    {
        "slug": "dialogmote",
        "effort": "medium",
        "input_kind": "idea",
        "name": ("Dialogmøte", "Dialogmøte", "Dialogue meeting"),
        "purpose": (
            "Samtale ansikt til ansikt mellom innbyggere, politikere og administrasjon.",
            "Samtale andlet til andlet mellom innbyggjarar, politikarar og administrasjon.",
            "Face-to-face conversation between residents, politicians and staff.",
        ),
        "when": (
            "Når et tema trenger forklaring og samtale, ikke bare svar.",
            "Når eit tema treng forklaring og samtale, ikkje berre svar.",
            "When a topic needs explanation and conversation, not only answers.",
        ),
        "reaches": (
            "Naboer, lokale lag og folk som foretrekker å snakke fremfor å skrive.",
            "Naboar, lokale lag og folk som føretrekkjer å snakke framfor å skrive.",
            "Neighbours, local associations and people who prefer talking to writing.",
        ),
        "misses": (
            "Folk som jobber kveld, småbarnsforeldre og de som ikke liker å snakke i forsamlinger.",
            "Folk som jobbar kveld, småbarnsforeldre og dei som ikkje likar å snakke i "
            "forsamlingar.",
            "Evening workers, parents of small children and people who dislike speaking in groups.",
        ),
        "accessibility": (
            "Velg et universelt utformet knutepunkt, teleslynge, tolk ved behov og barnepass.",
            "Vel eit universelt utforma knutepunkt, teleslynge, tolk ved behov og barnepass.",
            "Choose a step-free hub, a hearing loop, interpreters when needed and childcare.",
        ),
        "steps": (
            "Inviter bredt gjennom lokale lag\nSnakk i små bord med en referent\nRegistrer "
            "innspillene som innspill fra møte\nSvar på innspillene",
            "Inviter breitt gjennom lokale lag\nSnakk i små bord med ein referent\nRegistrer "
            "innspela som innspel frå møte\nSvar på innspela",
            "Invite widely through local associations\nTalk at small tables with a note "
            "taker\nRegister the points as input from a meeting\nAnswer the input",
        ),
    },
    {
        "slug": "arbeidsverksted",
        "effort": "high",
        "input_kind": "idea",
        "name": ("Arbeidsverksted", "Arbeidsverkstad", "Workshop"),
        "purpose": (
            "Utvikle løsninger sammen i en styrt prosess over noen timer.",
            "Utvikle løysingar saman i ein styrt prosess over nokre timar.",
            "Develop solutions together in a guided process over a few hours.",
        ),
        "when": (
            "Når problemet er kjent og dere trenger konkrete forslag.",
            "Når problemet er kjent og de treng konkrete forslag.",
            "When the problem is known and you need concrete proposals.",
        ),
        "reaches": (
            "Folk med tid og interesse, fagfolk og representanter for lag.",
            "Folk med tid og interesse, fagfolk og representantar for lag.",
            "People with time and interest, professionals and association representatives.",
        ),
        "misses": (
            "De som ikke kan sette av en hel kveld eller dag.",
            "Dei som ikkje kan setje av ein heil kveld eller dag.",
            "Those who cannot set aside a whole evening or day.",
        ),
        "accessibility": (
            "Bruk visuelle hjelpemidler, pauser og oppgaver som ikke krever mye lesing.",
            "Bruk visuelle hjelpemiddel, pausar og oppgåver som ikkje krev mykje lesing.",
            "Use visual aids, breaks and tasks that need little reading.",
        ),
        "steps": (
            "Avklar rammene\nRekrutter en blandet gruppe\nJobb i runder: problem, idéer, "
            "prioritering\nDokumenter resultatet\nFølg opp med svar",
            "Avklar rammene\nRekrutter ei blanda gruppe\nJobb i rundar: problem, idear, "
            "prioritering\nDokumenter resultatet\nFølg opp med svar",
            "Set the frame\nRecruit a mixed group\nWork in rounds: problem, ideas, "
            "priorities\nDocument the result\nFollow up with answers",
        ),
    },
    {
        "slug": "kartinnspill",
        "effort": "low",
        "input_kind": "map",
        "name": ("Kartinnspill", "Kartinnspel", "Map consultation"),
        "purpose": (
            "Få vite hvor folk opplever problemer eller ser muligheter.",
            "Få vite kvar folk opplever problem eller ser moglegheiter.",
            "Learn where people see problems or opportunities.",
        ),
        "when": (
            "I areal- og trafikkplanlegging, og når stedet betyr mer enn ordene.",
            "I areal- og trafikkplanlegging, og når staden tyder meir enn orda.",
            "In land-use and traffic planning, and when the place matters more than words.",
        ),
        "reaches": (
            "Folk som kjenner nabolaget godt: foreldre, syklister, eldre som går tur.",
            "Folk som kjenner nabolaget godt: foreldre, syklistar, eldre som går tur.",
            "People who know the neighbourhood well: parents, cyclists, older walkers.",
        ),
        "misses": (
            "De som ikke leser kart; de som ikke bruker nett.",
            "Dei som ikkje les kart; dei som ikkje bruker nett.",
            "People who do not read maps; people who are offline.",
        ),
        "accessibility": (
            "Tilby å beskrive stedet med ord eller adresse i stedet for å klikke.",
            "Tilby å skildre staden med ord eller adresse i staden for å klikke.",
            "Offer to describe the place in words or by address instead of clicking.",
        ),
        "steps": (
            "Avgrens området\nSkriv hvilke innspill dere vil ha\nÅpne kartet i fire uker\n"
            "Ha papirkart på knutepunktet\nSvar og vis resultatet på kart",
            "Avgrens området\nSkriv kva innspel de vil ha\nOpne kartet i fire veker\n"
            "Ha papirkart på knutepunktet\nSvar og vis resultatet på kart",
            "Limit the area\nSay which input you want\nOpen the map for four weeks\nKeep "
            "paper maps at the hub\nAnswer and show the result on a map",
        ),
    },
    {
        "slug": "gatur",
        "effort": "medium",
        "input_kind": "map",
        "name": ("Gåtur i nabolaget", "Gåtur i nabolaget", "Walk-along"),
        "purpose": (
            "Gå gjennom et område sammen med dem som bruker det, og se det med deres øyne.",
            "Gå gjennom eit område saman med dei som bruker det, og sjå det med auga deira.",
            "Walk through an area with the people who use it and see it through their eyes.",
        ),
        "when": (
            "Før endringer i gater, parker, skoleveier og møteplasser.",
            "Før endringar i gater, parkar, skulevegar og møteplassar.",
            "Before changes to streets, parks, school routes and meeting places.",
        ),
        "reaches": (
            "Barn, eldre og folk med funksjonsnedsettelser, som sjelden skriver innspill.",
            "Born, eldre og folk med funksjonsnedsetjingar, som sjeldan skriv innspel.",
            "Children, older people and disabled people, who rarely write input.",
        ),
        "misses": (
            "De som ikke kan være med på dagtid; få deltakere per tur.",
            "Dei som ikkje kan vere med på dagtid; få deltakarar per tur.",
            "Those not free in the daytime; few participants per walk.",
        ),
        "accessibility": (
            "Planlegg ruten trinnfritt, med hvilesteder, og gå i deltakernes tempo.",
            "Planlegg ruta trinnfritt, med kvilestader, og gå i tempoet til deltakarane.",
            "Plan a step-free route with places to rest, at the participants' pace.",
        ),
        "steps": (
            "Velg rute sammen med nærutvalget\nInviter brukerne av området\nStopp og noter "
            "ved hvert punkt\nRegistrer punktene som kartinnspill\nSvar deltakerne",
            "Vel rute saman med nærutvalet\nInviter brukarane av området\nStopp og noter "
            "ved kvart punkt\nRegistrer punkta som kartinnspel\nSvar deltakarane",
            "Choose the route with the local committee\nInvite the area's users\nStop and "
            "take notes at each point\nRegister the points as map input\nAnswer the "
            "participants",
        ),
    },
    {
        "slug": "ungdomshoring",
        "effort": "medium",
        "input_kind": "idea",
        "name": ("Ungdomshøring", "Ungdomshøyring", "Youth consultation"),
        "purpose": (
            "La unge fra 12 år si sin mening om saker som angår dem.",
            "La unge frå 12 år seie si meining om saker som gjeld dei.",
            "Let young people from 12 give their views on matters that affect them.",
        ),
        "when": (
            "Ved planer for skoler, fritid, idrett, transport og møteplasser.",
            "Ved planar for skular, fritid, idrett, transport og møteplassar.",
            "For plans about schools, leisure, sports, transport and meeting places.",
        ),
        "reaches": (
            "Elever gjennom skolen, ungdomsrådet og fritidsklubber.",
            "Elevar gjennom skulen, ungdomsrådet og fritidsklubbar.",
            "Pupils through school, the youth council and youth clubs.",
        ),
        "misses": (
            "Unge som faller utenfor skole og organiserte aktiviteter.",
            "Unge som fell utanfor skule og organiserte aktivitetar.",
            "Young people outside school and organised activities.",
        ),
        "accessibility": (
            "Korte spørsmål, mobil først, og møt dem der de er.",
            "Korte spørsmål, mobil først, og møt dei der dei er.",
            "Short questions, mobile first, and meet them where they are.",
        ),
        "steps": (
            "Planlegg sammen med ungdomsrådet\nBesøk skoler og klubber\nSamle innspill på "
            "mobil og papir\nSvar i et språk unge forstår\nVis hva som skjedde",
            "Planlegg saman med ungdomsrådet\nBesøk skular og klubbar\nSamle innspel på "
            "mobil og papir\nSvar på eit språk unge forstår\nVis kva som skjedde",
            "Plan with the youth council\nVisit schools and clubs\nCollect input on mobile "
            "and paper\nAnswer in language young people understand\nShow what happened",
        ),
    },
    {
        "slug": "samskapingsverksted",
        "effort": "high",
        "input_kind": "idea",
        "name": ("Samskapingsverksted", "Samskapingsverkstad", "Co-design workshop"),
        "purpose": (
            "Utforme en tjeneste eller et sted sammen med dem som skal bruke det.",
            "Utforme ei teneste eller ein stad saman med dei som skal bruke han.",
            "Design a service or a place together with the people who will use it.",
        ),
        "when": (
            "Når kommunen og innbyggerne skal eie løsningen sammen.",
            "Når kommunen og innbyggjarane skal eige løysinga saman.",
            "When the municipality and residents are to own the solution together.",
        ),
        "reaches": (
            "Brukere av tjenesten, frivillige og ildsjeler.",
            "Brukarar av tenesta, frivillige og eldsjeler.",
            "Users of the service, volunteers and local enthusiasts.",
        ),
        "misses": (
            "De som ikke kan delta flere ganger over tid.",
            "Dei som ikkje kan delta fleire gonger over tid.",
            "Those who cannot take part several times over a period.",
        ),
        "accessibility": (
            "Dekk reise og barnepass, og bruk prototyper man kan ta på.",
            "Dekk reise og barnepass, og bruk prototypar ein kan ta på.",
            "Cover travel and childcare, and use prototypes people can touch.",
        ),
        "steps": (
            "Kartlegg brukernes behov\nLag enkle prototyper sammen\nTest og juster\n"
            "Avtal hvem som gjør hva\nMål og fortell om resultatet",
            "Kartlegg behova til brukarane\nLag enkle prototypar saman\nTest og juster\n"
            "Avtal kven som gjer kva\nMål og fortel om resultatet",
            "Map the users' needs\nBuild simple prototypes together\nTest and adjust\n"
            "Agree who does what\nMeasure and report the result",
        ),
    },
    {
        "slug": "pastander",
        "effort": "low",
        "input_kind": "statement",
        "name": (
            "Påstander: enig eller uenig",
            "Påstandar: samd eller usamd",
            "Statements: agree or disagree",
        ),
        "purpose": (
            "Finne hvor folk er enige og uenige, og la deltakerne skrive nye påstander.",
            "Finne kvar folk er samde og usamde, og la deltakarane skrive nye påstandar.",
            "Find where people agree and disagree, and let participants add statements.",
        ),
        "when": (
            "I saker med mange synspunkter, før prioriteringer skal gjøres.",
            "I saker med mange synspunkt, før prioriteringar skal gjerast.",
            "In matters with many views, before priorities are set.",
        ),
        "reaches": (
            "Mange, raskt; også de som ikke vil skrive.",
            "Mange, raskt; også dei som ikkje vil skrive.",
            "Many people quickly, including those who will not write.",
        ),
        "misses": (
            "Begrunnelser bak standpunktene; de uten nett.",
            "Grunngivingar bak standpunkta; dei utan nett.",
            "The reasons behind views; people offline.",
        ),
        "accessibility": (
            "Korte påstander i klart språk, én tanke per påstand.",
            "Korte påstandar i klårt språk, éin tanke per påstand.",
            "Short statements in plain language, one idea each.",
        ),
        "steps": (
            "Skriv ti til tjue startpåstander\nÅpne for stemmer og nye påstander\nModerer "
            "nye påstander\nVis hvor det er enighet\nSvar på resultatet",
            "Skriv ti til tjue startpåstandar\nOpne for røyster og nye påstandar\nModerer "
            "nye påstandar\nVis kvar det er semje\nSvar på resultatet",
            "Write ten to twenty seed statements\nOpen for votes and new statements\n"
            "Moderate new statements\nShow where people agree\nAnswer the result",
        ),
    },
    {
        "slug": "folkemote",
        "effort": "medium",
        "input_kind": "idea",
        "name": ("Folkemøte", "Folkemøte", "Public meeting"),
        "purpose": (
            "Informere bredt og høre reaksjoner i en stor, åpen forsamling.",
            "Informere breitt og høyre reaksjonar i ei stor, open forsamling.",
            "Inform widely and hear reactions in a large open gathering.",
        ),
        "when": (
            "Når mange er berørt og trenger samme informasjon samtidig.",
            "Når mange er råka og treng same informasjon samtidig.",
            "When many people are affected and need the same information at once.",
        ),
        "reaches": (
            "De mest berørte og de som er vant til å ta ordet.",
            "Dei mest råka og dei som er vane med å ta ordet.",
            "Those most affected and those used to speaking up.",
        ),
        "misses": (
            "De stille stemmene; de som ikke kommer seg dit.",
            "Dei stille stemmene; dei som ikkje kjem seg dit.",
            "Quiet voices; those who cannot get there.",
        ),
        "accessibility": (
            "Mikrofon og teleslynge, tekstet opptak og innspillslapper for dem som ikke vil "
            "snakke.",
            "Mikrofon og teleslynge, teksta opptak og innspelslappar for dei som ikkje vil snakke.",
            "Microphones and a hearing loop, a captioned recording and input cards for "
            "those who will not speak.",
        ),
        "steps": (
            "Annonser i god tid\nHold innledningen kort\nGi alle mulighet til å levere "
            "lapp\nRegistrer innspillene\nPubliser referat og svar",
            "Annonser i god tid\nHald innleiinga kort\nGi alle høve til å levere lapp\n"
            "Registrer innspela\nPubliser referat og svar",
            "Announce well in advance\nKeep the introduction short\nLet everyone hand in "
            "a card\nRegister the input\nPublish minutes and answers",
        ),
    },
    {
        "slug": "fokusgruppe",
        "effort": "medium",
        "input_kind": "idea",
        "name": ("Fokusgruppe", "Fokusgruppe", "Focus group"),
        "purpose": (
            "Gå i dybden med en liten gruppe som representerer en bestemt målgruppe.",
            "Gå i djupna med ei lita gruppe som representerer ei bestemt målgruppe.",
            "Go deep with a small group that represents a particular audience.",
        ),
        "when": (
            "Når en gruppe sjelden deltar og dere trenger å forstå hvorfor.",
            "Når ei gruppe sjeldan deltek og de treng å forstå kvifor.",
            "When a group rarely takes part and you need to understand why.",
        ),
        "reaches": (
            "Grupper som ellers ikke blir hørt, rekruttert gjennom tillitspersoner.",
            "Grupper som elles ikkje blir høyrde, rekrutterte gjennom tillitspersonar.",
            "Groups otherwise unheard, recruited through trusted people.",
        ),
        "misses": (
            "Bredden: seks til ti personer taler ikke for alle.",
            "Breidda: seks til ti personar talar ikkje for alle.",
            "Breadth: six to ten people do not speak for everyone.",
        ),
        "accessibility": (
            "Møt på et kjent sted, bruk tolk og gi en liten takk for tiden.",
            "Møt på ein kjend stad, bruk tolk og gi ei lita takk for tida.",
            "Meet in a familiar place, use interpreters and thank people for their time.",
        ),
        "steps": (
            "Definer målgruppen\nRekrutter via tillitspersoner\nBruk en samtaleguide\n"
            "Oppsummer og få deltakernes godkjenning\nSvar gruppen",
            "Definer målgruppa\nRekrutter via tillitspersonar\nBruk ein samtalerettleiar\n"
            "Oppsummer og få godkjenning frå deltakarane\nSvar gruppa",
            "Define the audience\nRecruit through trusted people\nUse a discussion guide\n"
            "Summarise and have participants approve it\nAnswer the group",
        ),
    },
    {
        "slug": "innbyggerpanel",
        "effort": "medium",
        "input_kind": "survey",
        "name": ("Innbyggerpanel", "Innbyggjarpanel", "Citizen panel"),
        "purpose": (
            "Spørre et fast, sammensatt utvalg innbyggere flere ganger i året.",
            "Spørje eit fast, samansett utval innbyggjarar fleire gonger i året.",
            "Ask a standing, mixed group of residents several times a year.",
        ),
        "when": (
            "Når dere vil følge utviklingen over tid og sammenligne bydeler.",
            "Når de vil følgje utviklinga over tid og samanlikne bydelar.",
            "When you want to follow change over time and compare districts.",
        ),
        "reaches": (
            "Et bredere utvalg enn åpne undersøkelser, når panelet trekkes tilfeldig.",
            "Eit breiare utval enn opne undersøkingar, når panelet blir trekt tilfeldig.",
            "A broader sample than open surveys, when the panel is drawn at random.",
        ),
        "misses": (
            "De som takker nei til å være med; frafall over tid.",
            "Dei som takkar nei til å vere med; fråfall over tid.",
            "Those who decline to join; drop-out over time.",
        ),
        "accessibility": (
            "Tilby svar på papir og telefon, og hold hver runde kort.",
            "Tilby svar på papir og telefon, og hald kvar runde kort.",
            "Offer answers on paper and by phone, and keep each round short.",
        ),
        "steps": (
            "Trekk et panel fra folkeregisteret\nInviter og forklar personvernet\nSend korte "
            "runder\nPubliser resultatene\nFornye panelet hvert år",
            "Trekk eit panel frå folkeregisteret\nInviter og forklar personvernet\nSend korte "
            "rundar\nPubliser resultata\nFornye panelet kvart år",
            "Draw a panel from the population register\nInvite and explain privacy\nSend "
            "short rounds\nPublish the results\nRenew the panel every year",
        ),
    },
    {
        "slug": "framtidsverksted",
        "effort": "high",
        "input_kind": "idea",
        "name": ("Framtidsverksted", "Framtidsverkstad", "Future workshop"),
        "purpose": (
            "Beskrive ønsket framtid for et sted, og veien dit.",
            "Skildre ønskt framtid for ein stad, og vegen dit.",
            "Describe the desired future of a place, and the way there.",
        ),
        "when": (
            "Ved oppstart av en kommunedelplan eller stedsutvikling.",
            "Ved oppstart av ein kommunedelplan eller stadsutvikling.",
            "At the start of a district plan or place development.",
        ),
        "reaches": (
            "Nærutvalg, lag, næringsliv og engasjerte innbyggere.",
            "Nærutval, lag, næringsliv og engasjerte innbyggjarar.",
            "Local committees, associations, businesses and engaged residents.",
        ),
        "misses": (
            "De som er mest opptatt av hverdagens problemer her og nå.",
            "Dei som er mest opptekne av problema i kvardagen her og no.",
            "Those most concerned with everyday problems here and now.",
        ),
        "accessibility": (
            "Bruk bilder og tegninger, ikke bare tekst, og sett av god tid.",
            "Bruk bilete og teikningar, ikkje berre tekst, og set av god tid.",
            "Use pictures and drawings, not only text, and allow plenty of time.",
        ),
        "steps": (
            "Kritikkfase: hva er problemet\nFantasifase: hva drømmer vi om\n"
            "Realiseringsfase: hva kan vi gjøre\nLag en handlingsliste\nFølg opp",
            "Kritikkfase: kva er problemet\nFantasifase: kva drøymer vi om\n"
            "Realiseringsfase: kva kan vi gjere\nLag ei handlingsliste\nFølg opp",
            "Critique: what is the problem\nFantasy: what do we dream of\nRealisation: "
            "what can we do\nMake an action list\nFollow up",
        ),
    },
    {
        "slug": "barnetrakk",
        "effort": "medium",
        "input_kind": "map",
        "name": ("Barnetråkk", "Barnetråkk", "Children's routes mapping"),
        "purpose": (
            "La barn vise på kart hvor de går, leker og føler seg utrygge.",
            "La born vise på kart kvar dei går, leikar og kjenner seg utrygge.",
            "Let children show on a map where they walk, play and feel unsafe.",
        ),
        "when": (
            "Før regulering av boligområder, skoleveier og grøntområder.",
            "Før regulering av bustadområde, skulevegar og grøntområde.",
            "Before zoning housing areas, school routes and green spaces.",
        ),
        "reaches": (
            "Barn på mellomtrinnet gjennom skolen.",
            "Born på mellomsteget gjennom skulen.",
            "Children aged 9 to 13 through school.",
        ),
        "misses": (
            "De minste barna og barn som ikke går på skolen i området.",
            "Dei minste borna og born som ikkje går på skulen i området.",
            "The youngest children and those not at school in the area.",
        ),
        "accessibility": (
            "Bruk store kart, symboler og en voksen som hjelper ved behov.",
            "Bruk store kart, symbol og ein vaksen som hjelper ved behov.",
            "Use large maps, symbols and an adult who helps when needed.",
        ),
        "steps": (
            "Avtal med skolen\nForklar kartet i klassen\nLa barna markere veier og "
            "steder\nOppsummer på kart\nFortell barna hva som skjer",
            "Avtal med skulen\nForklar kartet i klassen\nLa borna markere vegar og "
            "stader\nOppsummer på kart\nFortel borna kva som skjer",
            "Agree with the school\nExplain the map in class\nLet the children mark routes "
            "and places\nSummarise on a map\nTell the children what happens",
        ),
    },
    {
        "slug": "pop-up-stand",
        "effort": "low",
        "input_kind": "idea",
        "name": ("Pop-up-stand", "Pop-up-stand", "Pop-up stand"),
        "purpose": (
            "Møte folk der de allerede er: kjøpesenteret, biblioteket, torget.",
            "Møte folk der dei alt er: kjøpesenteret, biblioteket, torget.",
            "Meet people where they already are: the shopping centre, library or square.",
        ),
        "when": (
            "Når dere vil nå dem som aldri kommer på møter.",
            "Når de vil nå dei som aldri kjem på møte.",
            "When you want to reach those who never come to meetings.",
        ),
        "reaches": (
            "Forbipasserende i alle aldre, også de som ikke kjenner saken.",
            "Forbipasserande i alle aldrar, også dei som ikkje kjenner saka.",
            "Passers-by of all ages, including those who do not know the matter.",
        ),
        "misses": (
            "Dybde; folk som ikke ferdes der standen står.",
            "Djupn; folk som ikkje ferdast der standen står.",
            "Depth; people who do not pass by the stand.",
        ),
        "accessibility": (
            "Ha flerspråklig materiell og registrer innspill for folk på stedet.",
            "Ha fleirspråkleg materiell og registrer innspel for folk på staden.",
            "Bring multilingual material and register input for people on the spot.",
        ),
        "steps": (
            "Velg sted og tid med mye folk\nHa ett enkelt spørsmål\nRegistrer innspillene "
            "med kanal møte\nDel ut kort med lenke\nSvar på innspillene",
            "Vel stad og tid med mykje folk\nHa eitt enkelt spørsmål\nRegistrer innspela "
            "med kanal møte\nDel ut kort med lenkje\nSvar på innspela",
            "Choose a busy place and time\nAsk one simple question\nRegister the input "
            "with the meeting channel\nHand out cards with a link\nAnswer the input",
        ),
    },
]

TEXT_FIELDS = ("name", "purpose", "when", "reaches", "misses", "accessibility", "steps")


def method_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """Model field values of one toolbox entry."""
    values: dict[str, Any] = {"effort": entry["effort"], "input_kind": entry["input_kind"]}
    for name in TEXT_FIELDS:
        for language, text in zip(("nb", "nn", "en"), entry[name], strict=True):
            values[f"{name}_{language}"] = text
    return values
