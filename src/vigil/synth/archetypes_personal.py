"""Archetypes rooted in a relationship: ex-partners, trackers, breached orders, and the
look-alikes that are not harassment (welcomed contact, co-parenting).
"""

from __future__ import annotations

from .scenario import Archetype, Beat, OrderPlan

HOME = ("victim's home, {street}", "{vname}'s address, {street}", "outside {vd} house, {street}")
WORK = ("{vd} workplace, {workplace}", "staff car park, {workplace}", "outside {workplace}")

FEAR_IMPACTS = (
    "I moved in with my sister for a while because I couldn't stay in the house.",
    "I haven't been back to work since.",
    "I check every car that parks near me.",
    "I can't sleep. I keep the curtains shut all day.",
    "My GP has signed me off with anxiety.",
    "I've stopped going to the gym and I don't see my friends any more.",
    "The children are staying with my mum because I don't want them at the house.",
    "I'm scared that one day {sp} might actually do something.",
    "If {sp} finds out where I'm living now I don't know what {sp}'ll do.",
    "I jump every time my phone goes.",
)

EX_PARTNER = Archetype(
    key="ex-partner-stalking",
    relationships=("ex-partner",),
    tone="fear",
    weight=4,
    beats=(
        Beat(
            "text-message",
            (
                "Between {itime} and {later} {vref} received {n} texts from {sref}, including: "
                "'{q:plead}' '{q:angry}' {Vref} did not reply.",
                "{N} texts overnight from {sref}. The last one reads: '{q:angry}'",
            ),
            account="phone",
            stage="early",
        ),
        Beat(
            "phone-call",
            (
                "{N} missed calls from {sref}'s number between {itime} and midnight. One voicemail: '{q:plead}'",
                "{Sref} rang {n} times in an hour. When {vref} finally answered {sp} said: '{q:angry}'",
            ),
            account="phone",
            stage="early",
        ),
        Beat(
            "messaging-app",
            (
                "{Sref} sent {n} {messenger} messages in an hour: '{q:plead}' When {vref} blocked "
                "{so}, a new number started messaging: '{q:angry}'",
            ),
            account="phone",
            stage="early",
        ),
        Beat(
            "in-person",
            (
                "{Sref} arrived unannounced, {banged on|hammered on|kept ringing} the front door "
                "and shouted through the letterbox for about {mins} minutes: '{q:plead}' {Vref} "
                "hid upstairs with the children, frightened {sp} would force the door. {Sp} left "
                "before police arrived.",
            ),
            where=HOME,
        ),
        Beat(
            "in-person",
            (
                "{Sref} was leaning on {vd} car when {vp} finished {vd} shift and said {sp} 'just "
                "wanted to see' {vo}. A colleague walked {vo} back inside. {Vref} had not told "
                "{so} {vd} shift times.",
            ),
            where=WORK,
        ),
        Beat(
            "in-person",
            (
                "Neighbour saw {sref} sitting in {sd} {car} opposite {vd} house, engine off, from "
                "about {itime} for {mins} minutes, looking at the house.",
                "{Vref} saw {sref} standing at the end of {street} at {itime}, watching the "
                "house. When {vp} opened the curtains {sp} walked off.",
            ),
            where=HOME,
        ),
        Beat(
            "in-person",
            (
                "{Vref} noticed {sref} behind {vo} as {vp} walked from {place}. {Sp} followed "
                "{vo} for about ten minutes, stopping when {vp} stopped, until {vp} went into a "
                "shop and rang 999.",
                "{Sref} followed {vref}'s bus in {sd} {car} from {place} and was parked outside when {vp} got off.",
            ),
            where=("{place}",),
        ),
        Beat(
            "gift-or-item",
            (
                "{Item} was left on {vd} doorstep with a card reading '{q:plead}' Nobody saw who "
                "left it, but {vref} recognises {sref}'s handwriting.",
            ),
            where=HOME,
        ),
        Beat(
            "via-third-party",
            (
                "{Sref} messaged {vd} mother on Facebook asking her to 'talk some sense' into "
                "{vref} and to pass on: '{q:plead}'",
            ),
        ),
        Beat(
            "phone-call",
            (
                "Voicemail from {sref}: '{q:threat_kill}' {Vref} played it to officers. {Vp} says "
                "{vp} was shaking and believed {sp} meant it.",
                "{Sref} rang from a withheld number. {Vref} recognised {sd} voice: '{q:threat_violence}'",
            ),
            account="phone",
            stage="late",
        ),
        Beat(
            "text-message",
            (
                "Text received: '{q:monitoring}' {Vref} had not told anyone {vp} would be there.",
                "Text received the morning after police spoke to {sref}: '{q:gloat}'",
                "'{q:suicide}' followed twenty minutes later by '{q:angry}'",
                "'{q:expose}' {Vref} says the photos were taken when they were together.",
            ),
            account="phone",
            stage="late",
        ),
        Beat(
            "other",
            (
                "{Vref} found all four tyres on {vd} {vcar} slashed outside {vd} home. {Sref} had "
                "texted the night before: '{q:threat_violence}'",
            ),
            where=HOME,
            stage="late",
        ),
    ),
    statements=(
        "I ended it with {sname} {months} months ago after {years} years together. {Sp} would not accept it.",
        "{Sname} and I split up in the spring. Since then {sp} has texted me day and night and "
        "turned up wherever I go.",
        "We were together for {years} years and we have {child} together. When I left, {sname} "
        "said I would never be rid of {so}.",
    ),
    impacts=(
        *FEAR_IMPACTS,
        "{Sp} has never hit me, but {sp} used to check my phone and tell me who I could see.",
        "{Sp} once put {sd} hands round my neck during an argument. I never reported it.",
        "I don't think {sp} would hurt the children.",
    ),
    histories=(
        "No previous convictions.",
        "Caution for common assault on a previous partner ({year}).",
        "Convicted of harassment of a previous partner in {year}; restraining order made, since "
        "expired. Caution for common assault ({year}).",
        "Victim says {sp} checked {vd} phone and controlled the money during their relationship.",
        "Victim says {sp} put {sd} hands round {vd} neck during an argument in {year}. Not reported at the time.",
        "Known to police for drink-driving ({year}). No history of violence recorded.",
    ),
    orders=(OrderPlan(0.25, ("police-information-notice",), timing="middle", lasts_days=None),),
    hours=(6, 24),
)

TRACKER = Archetype(
    key="tracker",
    relationships=("ex-partner", "current-partner"),
    tone="fear",
    beats=(
        Beat(
            "in-person",
            (
                "{Vref} drove to {place}, somewhere {vp} had never been before. {Sref} walked up "
                "to {vd} car and said: 'Fancy seeing you here.'",
                "{Vref} went to a friend's house without telling anyone. Twenty minutes later "
                "{sref} drove slowly past twice and parked at the end of the road.",
            ),
            where=("{place}", "{street2}"),
            stage="early",
        ),
        Beat("text-message", ("'{q:monitoring}'",), account="phone"),
        Beat(
            "tracking-or-surveillance",
            (
                "{Vref}'s phone showed an alert: 'AirTag found moving with you'. {Vp} found it "
                "sewn into the lining of {vd} handbag.",
                "{Vref} found an AirTag taped inside the zipped pocket of {vd} coat after {vd} "
                "phone kept warning about an unknown tracker.",
            ),
            where=("{vd} handbag", "{vd} coat"),
        ),
        Beat(
            "tracking-or-surveillance",
            (
                "During a service the garage found a GPS tracker held by a magnet under the rear "
                "bumper of {vd} {vcar}. The SIM was registered to {email}.",
            ),
            where=("{vd} {vcar}, parked on {street}",),
        ),
        Beat(
            "email",
            (
                "{Vd} email provider warned of a sign-in from a new device. The recovery number "
                "had been changed to {phone}.",
            ),
            account="email",
        ),
        Beat(
            "text-message",
            ("'Why did you take it off? Doesn't matter. {q:monitoring}'",),
            account="phone",
            stage="late",
        ),
    ),
    statements=(
        "Since we separated, {sname} has turned up wherever I go, even places I told nobody about.",
        "I thought I was going mad until the garage found the tracker.",
    ),
    impacts=FEAR_IMPACTS,
    histories=(
        "No previous convictions. Works as a vehicle auto-electrician.",
        "Caution for unauthorised access to a former partner's email account ({year}).",
    ),
    identifiers=("sfull", "phone", "email"),
)

BREACH = Archetype(
    key="order-breach",
    relationships=("ex-partner", "acquaintance"),
    tone="fear",
    beats=(
        Beat(
            "via-third-party",
            (
                "{Friend} texted {vref}: '{sname} asked me to tell you {sp}'s sorry. {q:plead}' "
                "{Friend} told police {sref} had phoned her that afternoon and asked her to pass "
                "it on.",
                "{Friend} brought {vref} a card at work and said {sref} had given it to her to hand over.",
            ),
            actor="go-between",
        ),
        Beat(
            "in-person",
            (
                "{Sref} was seen walking up and down {street}, inside the exclusion zone, at {itime}.",
                "{Sref} was parked on {street} outside {vd} house for {mins} minutes.",
            ),
            where=HOME,
        ),
        Beat(
            "text-message",
            ("Text from a new number {vref} believes is {sref}'s: '{q:plead}'", "'{q:gloat}'"),
            account="phone",
        ),
        Beat(
            "social-media",
            ("{Sref} posted about {vref} on {platform}, naming {vo}: '{q:false_claim}'",),
            account="handle",
            stage="late",
        ),
        Beat(
            "phone-call",
            ("Call from {sref}: '{q:threat_violence}'",),
            account="phone",
            stage="late",
        ),
    ),
    statements=(
        "After {sname} was convicted the court made an order that {sp} mustn't contact me. I "
        "thought that would be the end of it.",
        "There's an order saying {sname} can't contact me or come near my home. {Sp} has ignored it from the start.",
    ),
    impacts=(*FEAR_IMPACTS, "Every time it happens I feel like the order means nothing."),
    histories=(
        "Convicted of harassment (PHA 1997 s.2) of the victim in {year}; order made on conviction.",
        "Arrested for harassment of the victim; now subject to the order.",
        "Previous breach of an order protecting a former partner ({year}).",
    ),
    third_parties=(("go-between", "{friend}, a mutual friend of {vname} and {sname}"),),
    orders=(
        OrderPlan(
            1.0,
            (
                "restraining-order",
                "non-molestation-order",
                "stalking-protection-order",
                "bail-conditions",
            ),
            (
                ("no-contact", "exclusion-zone:{street}"),
                ("no-contact", "no-third-party-contact", "no-online-publication"),
                ("no-approach:100", "no-harassment"),
            ),
        ),
    ),
)

WELCOMED = Archetype(
    key="welcomed-contact",
    relationships=("current-partner",),
    tone="benign",
    weight=1,
    beats=(
        Beat(
            "text-message",
            (
                "'{q:welcomed}' {Vref} replied: 'thank u!! x'",
                "A thread of {n} messages planning the weekend. {Vref} sent half of them.",
            ),
            account="phone",
        ),
        Beat(
            "in-person",
            ("{Sref} picked {vref} up from {workplace}. {Vd} messages show {vp} asked {so} to at {time}.",),
            where=WORK,
        ),
    ),
    statements=(
        "My mum reported {sname} because she doesn't like {so}. I'm 19. {Sp} messages me a lot "
        "and I message {so} back just as much, because I want to.",
    ),
    impacts=(
        "{Sp}'s never told me who I can see, and {sp}'s never checked my phone.",
        "I don't want the police involved.",
        "If I wanted {so} to stop I would tell {so}.",
    ),
    histories=("No previous convictions. Reported by the victim's mother.",),
    third_parties=(("family", "{vname}'s mother, who reported the concern"),),
    female_victim=0.6,
)

COPARENT = Archetype(
    key="co-parenting",
    relationships=("ex-partner",),
    tone="benign",
    weight=1,
    beats=(Beat("messaging-app", ("'{q:coparent}'",), account="app"),),
    statements=(
        "{Sname} and I separated two years ago. There's a child arrangements order for {child}. "
        "The messages are polite and only about {child}, but every notification makes my stomach "
        "drop.",
    ),
    impacts=(
        "I want the police to tell {so} to stop messaging me.",
        "{Sp} has never been abusive to me or {child}.",
    ),
    histories=("No previous convictions. No abuse reported during or since the relationship.",),
    identifiers=("sfull", "app"),
    orders=(
        OrderPlan(
            1.0,
            ("child-arrangements-order",),
            (("other:communicate only through {app}",),),
            lasts_days=None,
        ),
    ),
    gap_days=(4, 10),
    hours=(8, 21),
    female_victim=0.6,
    typo_rate=(0.0, 0.05),
)

PERSONAL_ARCHETYPES = (EX_PARTNER, TRACKER, BREACH, WELCOMED, COPARENT)
