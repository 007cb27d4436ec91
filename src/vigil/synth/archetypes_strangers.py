"""Archetypes where the suspect is a stranger or known only online: following, watching,
gifts, and fixation on someone met through a screen.
"""

from __future__ import annotations

from .archetypes_personal import FEAR_IMPACTS, HOME
from .scenario import Archetype, Beat, OrderPlan

STRANGER = Archetype(
    key="stranger-stalking",
    relationships=("stranger",),
    tone="fear",
    beats=(
        Beat(
            "in-person",
            (
                "At the gym a {sman}, later identified as {sfull}, stood by the rowing machines "
                "watching {vref} for most of {vd} session and left when {vp} did.",
                "A {sman} {vp} did not know sat opposite {vref} on the train and took photos of "
                "{vo} on {sd} phone. {Vp} moved carriages and {sp} followed.",
            ),
            where=("the PureFit gym on Station Road", "train from {town} station"),
            stage="early",
        ),
        Beat(
            "in-person",
            (
                "The same {sman} followed {vref} from {place} to the end of {street}. {Vp} crossed "
                "the road twice and {sp} crossed too. {Vp} did not go home but went to a friend's "
                "house.",
                "{Sref} was waiting at the bus stop when {vref} left work and got on the same "
                "bus. {Sp} got off at {vd} stop and walked behind {vo}.",
            ),
            where=("{place}", "bus stop on {street}"),
        ),
        Beat(
            "social-media",
            (
                "{Vref} received a follow request and then a message on {platform} from {sref}: "
                "'{q:monitoring}' {Vref} has never given {so} {vd} name.",
            ),
            account="handle",
        ),
        Beat(
            "gift-or-item",
            ("{Item} was left on {vd} car windscreen in the gym car park with a note: 'For you. x'",),
            where=("gym car park, {town}",),
        ),
        Beat(
            "gift-or-item",
            ("{Item} arrived by courier with no sender. The order was traced to {sref}'s email.",),
            where=HOME,
        ),
        Beat(
            "in-person",
            (
                "{Sref} was seen standing at the bus stop opposite {vd} house at {itime}, "
                "although {sp} lives in {town}. {Sp} did not get on any bus.",
                "{Sref} walked into {workplace} and asked staff which shifts {vref} was working.",
            ),
            where=("bus stop opposite {vd} house, {street}", "{workplace}"),
        ),
        Beat(
            "email",
            ("Email from {email}: '{q:monitoring}' and '{q:online}'",),
            account="email",
            stage="late",
        ),
        Beat(
            "in-person",
            ("{Sref} approached {vref} in the car park and said: '{q:threat_violence}' {Vp} ran back into the shop.",),
            where=("{place}",),
            stage="late",
        ),
    ),
    statements=(
        "I don't know who {sp} is. I first noticed {so} at the gym in {month}.",
        "I'd never seen {so} before {month}. Now {sp} seems to be everywhere I go.",
    ),
    impacts=(
        *FEAR_IMPACTS,
        "{Sp} has never spoken to me properly, {sp} just stares.",
        "I'm scared {sp} might follow me home one night and I won't notice.",
    ),
    histories=(
        "No previous convictions. Not known to the victim before {month}.",
        "Two previous reports of following women in {town} ({year}), no further action.",
        "Convicted of outraging public decency ({year}).",
    ),
    orders=(
        OrderPlan(
            0.2,
            ("bail-conditions",),
            (("no-contact", "exclusion-zone:{street}"),),
            timing="middle",
            lasts_days=(28, 60),
        ),
    ),
    identifiers=("sfull", "email", "handle"),
    female_suspect=0.1,
)

ONLINE = Archetype(
    key="online-fixation",
    relationships=("online-only",),
    tone="fear",
    beats=(
        Beat(
            "social-media",
            (
                "{Sref} commented on every one of {vd} {platform} posts within minutes: '{q:online}'",
                "{N} direct messages on {platform} from {handle}: '{q:online}' '{q:angry}'",
            ),
            account="handle",
            stage="early",
        ),
        Beat(
            "messaging-app",
            ("After {vref} blocked {so}, {sref} messaged on {messenger}: '{q:online}'",),
            account="phone",
        ),
        Beat(
            "email",
            ("Long email from {email} to {vd} business address: '{q:online}' It runs to {n} paragraphs.",),
            account="email",
        ),
        Beat(
            "social-media",
            (
                "A new account, {fake}, followed {vref} an hour after {sd} last one was blocked. "
                "Its first message: '{q:online}'",
            ),
            account="fake",
            anonymous=True,
        ),
        Beat(
            "social-media",
            ("{Sref} posted a photo of {vd} street sign with the caption: '{q:monitoring}'",),
            account="handle",
            stage="late",
        ),
        Beat(
            "in-person",
            (
                "{Sref} turned up at {vd} meet-up at {place}, said '{q:online}' and would not "
                "leave until staff asked {so} to.",
            ),
            where=("{place}",),
            stage="late",
        ),
    ),
    statements=(
        "I stream on {platform} and {sname} started watching in {month}. I've never met {so}.",
        "{Sname} found my artwork account last year. At first {sp} just liked things.",
    ),
    impacts=(*FEAR_IMPACTS, "I've stopped streaming. It was my income."),
    histories=(
        "No previous convictions. Lives in {town}.",
        "Banned from two platforms for harassment of other creators.",
    ),
    identifiers=("sfull", "handle", "email", "phone"),
    hours=(0, 24),
    typo_rate=(0.05, 0.3),
)


STRANGER_ARCHETYPES = (STRANGER, ONLINE)
