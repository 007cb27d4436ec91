"""Archetypes rooted in a dispute or a business relationship: neighbours, money, family,
debt collection, and pseudonymous online campaigns that grow out of a grievance.
"""

from __future__ import annotations

from .scenario import Archetype, Beat, OrderPlan

NEXT_DOOR = (
    "outside nos. {house} and {house2}, {street}",
    "front gardens, {street}",
    "{vd} drive, {street}",
)

NEIGHBOUR = Archetype(
    key="neighbour-dispute",
    relationships=("neighbour",),
    tone="dispute",
    beats=(
        Beat(
            "in-person",
            (
                "{Vref} was unloading shopping from {vd} car. {Sref} came out and repeatedly "
                "shouted '{q:neighbour} {q:abuse}' {Vref} moved the car.",
                "{Sref} shouted at {vref} across the front gardens for several minutes: "
                "'{q:abuse}' Witnessed by the neighbour at no. 14.",
            ),
            where=NEXT_DOOR,
        ),
        Beat(
            "other",
            (
                "{Vref} found a handwritten note under {vd} windscreen wiper: '{q:neighbour}' "
                "{Sref} admitted writing it when a PCSO spoke to {so}.",
                "{Vd} bins were tipped over onto the drive overnight. {Vref} did not see who did "
                "it and says {vp} cannot say it was {sref}.",
            ),
            where=NEXT_DOOR,
        ),
        Beat(
            "in-person",
            (
                "{Sref} banged on {vd} car window with {sd} fist, swearing: '{q:abuse}' {Vref} drove off.",
                "{Sref} stood at the fence filming {vref} on {sd} phone while {vp} gardened.",
            ),
            where=NEXT_DOOR,
        ),
        Beat(
            "letter",
            ("Letter pushed through the door, unsigned: '{q:neighbour}'",),
            where=NEXT_DOOR,
        ),
        Beat(
            "in-person",
            ("{Sref} squared up to {vref} on the pavement: '{q:threat_violence}'",),
            where=NEXT_DOOR,
            stage="late",
        ),
    ),
    statements=(
        "It's all about the parking. {Sp}'s never followed me or hung around watching the house. "
        "It only happens when we're both out the front.",
        "The dispute started over the hedge between our gardens in {month}.",
    ),
    impacts=(
        "I dread coming home, but I don't think {sp}'d actually hurt anyone.",
        "I just want to be able to park outside my own house.",
        "My family won't go out the front on their own any more.",
    ),
    histories=(
        "Lives next door to the victim. No previous convictions.",
        "Lives next door. No previous convictions. A different neighbour complained to the council "
        "about noise from {sd} house in {year}.",
        "Lives next door. Caution for criminal damage to a neighbour's fence ({year}).",
    ),
    identifiers=("sfull",),
    third_parties=(("witness", "Neighbour at no. 14, {street}"),),
    orders=(OrderPlan(0.15, ("injunction",), (("no-harassment",), ("no-harassment", "no-approach:20"))),),
    gap_days=(3, 20),
    female_victim=0.4,
    typo_rate=(0.0, 0.0),
)

MONEY = Archetype(
    key="business-dispute",
    relationships=("acquaintance", "colleague"),
    tone="dispute",
    beats=(
        Beat(
            "phone-call",
            (
                "'{q:money}' {Vref} says {vp} was frightened because {vp} knows {sd} record.",
                "'{q:money} {q:threat_violence}'",
            ),
            account="phone",
        ),
        Beat(
            "in-person",
            (
                "{Sref} walked into {vd} {business}, stood inches from {vd} face and said: "
                "'{q:money}' {Vref} says {vp} thought {vp} was about to be hit.",
            ),
            where=("{vd} {business}, {street}",),
        ),
        Beat("text-message", ("'Tick tock.'", "'{q:money}'", "'{q:angry}'"), account="phone"),
        Beat(
            "email",
            ("Email from {email} with a spreadsheet headed 'What you owe me': '{q:money}'",),
            account="email",
        ),
        Beat(
            "in-person",
            ("{Sref} said outside the bank: '{q:threat_violence}'",),
            where=("{place}",),
            stage="late",
        ),
    ),
    statements=(
        "{Sname} and I ran a {business} together until we fell out. {Sp} says I owe {so} "
        "{amount}; I say I don't. This is all about the money.",
    ),
    impacts=(
        "{Sp}'s never followed me or come to my house, and {sp} has no interest in my life otherwise.",
        "Both times {sp} threatened me I believed {so}.",
        "I'm not scared for my family, just for myself.",
    ),
    histories=(
        "Former business partner of the victim. Convicted of inflicting grievous bodily harm "
        "(OAPA 1861 s.20) in {year}.",
        "Former business partner of the victim. No previous convictions.",
        "Former business partner. Two county court judgments against {so} for unpaid debts.",
    ),
    orders=(
        OrderPlan(
            0.2,
            ("bail-conditions",),
            (("no-contact",), ("no-contact", "exclusion-zone:{street}")),
            timing="middle",
            lasts_days=(21, 60),
        ),
    ),
    gap_days=(2, 14),
    female_victim=0.3,
)

FAMILY = Archetype(
    key="family-dispute",
    relationships=("family",),
    tone="dispute",
    beats=(
        Beat("text-message", ("'{q:family}'", "'{q:family} {q:abuse}'"), account="phone"),
        Beat(
            "in-person",
            ("{Sref}, {vd} {relative}, turned up at {vd} house shouting about the will: '{q:family}'",),
            where=("victim's home, {street}",),
        ),
        Beat(
            "phone-call",
            ("{Sref} rang {vd} work twice asking for {vo}: '{q:family}'",),
            account="phone",
        ),
        Beat(
            "in-person",
            (
                "{Sref} arrived at the house with a kitchen knife in {sd} waistband and said '{q:threat_kill}'",
                "At the funeral {sref} grabbed {vref}'s arm and said: '{q:threat_violence}'",
            ),
            where=("victim's home, {street}", "{town} crematorium"),
            stage="late",
        ),
    ),
    statements=(
        "Since Dad died in {month}, my {relative} {sname} says the house should be {sd}.",
        "{Sname} is my {relative}. We haven't got on for years, but since Mum died it's got worse.",
    ),
    impacts=(
        "I don't want {so} prosecuted, I want {so} to leave me alone.",
        "{Sp}'s never been violent before, that's why the knife frightened me so much.",
        "I'm worried {sp} might turn up at the house when the kids are there.",
    ),
    histories=(
        "Victim's {relative}. No previous convictions.",
        "Victim's {relative}. Caution for affray ({year}).",
        "Victim's {relative}. Dispute over their late father's estate; no previous convictions.",
    ),
    orders=(
        OrderPlan(
            0.3,
            ("non-molestation-order",),
            (("no-contact", "no-approach:50"), ("no-harassment",)),
            timing="middle",
        ),
    ),
    gap_days=(2, 12),
    female_victim=0.5,
)

DEBT = Archetype(
    key="debt-collection",
    relationships=("client-or-customer",),
    tone="benign",
    weight=1,
    beats=(
        Beat(
            "letter",
            ("'Dear {vtitle} {vsurname}, {q:debt_open} {q:debt_close} Yours sincerely, Customer Team.'",),
            where=("victim's home address",),
            date_only=True,
        ),
        Beat(
            "email",
            ("Email from collections@{domain}: '{q:debt_open} {q:debt_close}'",),
            account="email",
        ),
        Beat(
            "phone-call",
            (
                "Call from {company} asking {vref} to confirm {vd} date of birth and discuss "
                "account {debtref}. {Vref} hung up.",
            ),
            account="phone",
        ),
    ),
    statements=(
        "I've had letters from a debt collection company about a bill from my old flat. I don't "
        "think I owe it. The letters are polite, but they make me anxious and I want the police "
        "to make them stop.",
    ),
    impacts=("Nobody has been rude to me.", "I'm worried they might send bailiffs if I don't pay."),
    histories=("Debt collection agency acting for {creditor}. No contact with the victim before {month}.",),
    identifiers=("company", "ref", "email"),
    gap_days=(10, 30),
    hours=(9, 18),
    company=True,
    female_victim=0.5,
    typo_rate=(0.0, 0.0),
)

PSEUDONYMOUS = Archetype(
    key="pseudonymous-campaign",
    relationships=("colleague",),
    tone="fear",
    beats=(
        Beat(
            "email",
            ("'You've ruined my career. {q:expose}'", "'{q:angry}'"),
            account="email",
            stage="early",
        ),
        Beat(
            "social-media",
            (
                "Account {fake} created the day before. First post, with {vref}'s photo: "
                "'{q:false_claim}' The post tags {vd} employer.",
                "{Fake} posted {vref}'s home street and a photo of {vd} front door.",
            ),
            account="fake",
            anonymous=True,
        ),
        Beat(
            "social-media",
            (
                "Direct messages from {fake} to {vd} line manager and {vd} sister: "
                "'{q:false_claim}' The messages mention details of the grievance hearing that "
                "were never made public.",
            ),
            account="fake",
            anonymous=True,
        ),
        Beat(
            "social-media",
            (
                "A new account using {vref}'s name and profile photo, {fake}, posts: 'I lied "
                "about {sname} to get {so} sacked. I'm sorry.' OIC note: platform disclosure "
                "shows the account was registered with mobile {phone}.",
            ),
            account="fake",
            anonymous=True,
            stage="late",
        ),
        Beat("email", ("'{q:gloat}'",), account="email", stage="late"),
    ),
    statements=(
        "{Sname} and I worked together until {sp} was dismissed after my grievance was upheld. A "
        "few days later the accounts appeared.",
    ),
    impacts=(
        "I've been signed off work with anxiety.",
        "I don't go into town any more because I don't know who has read it.",
        "None of it is true.",
        "I can't prove it's {so}, but nobody else knew those details.",
    ),
    histories=(
        "Dismissed by the victim's employer after a grievance {vp} brought was upheld. No previous convictions.",
        "IT contractor, dismissed after the victim's grievance. Warned by a previous employer "
        "about messages to a colleague.",
    ),
    orders=(OrderPlan(0.2, ("early-harassment-notice",), timing="middle", lasts_days=None),),
    identifiers=("sfull", "email", "phone", "handle"),
    hours=(18, 24),
    typo_rate=(0.0, 0.1),
)

DISPUTE_ARCHETYPES = (NEIGHBOUR, MONEY, FAMILY, DEBT, PSEUDONYMOUS)
