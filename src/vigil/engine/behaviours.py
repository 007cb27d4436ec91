"""Step 1: find the behaviours in each incident, the victim's statement and suspects' histories.

A behaviour is reported only when its actor is the suspect (or the unknown
actor of an unattributed incident), it is not negated, and it is not a fear
or a hypothesis. The channel of an incident is itself evidence of some acts
(a text message is contact, PHA 1997 s.2A(3)(b)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigil.contract import Behaviour, Case, Incident

from .cast import build_cast
from .findings import Cue, Found
from .lexicon import Compiled, perceived_cue
from .narrative import THIRD, UNKNOWN, Actor, Analysis, Cast, Kind, Match

EVIDENCE_MAX = 220
# Behaviours that describe a suspect's past rather than this episode; from a
# history they are reported only for these types (the contract names them).
HISTORY_BEHAVIOURS = frozenset({Behaviour.STRANGULATION, Behaviour.COERCIVE_CONTROL})


@dataclass
class CaseText:
    """Every text of a case, analysed once and shared by all steps."""

    cast: Cast
    compiled: Compiled
    procured: bool = False  # the record shows the suspect asked, paid or sent someone to act
    incidents: dict[str, Analysis] = field(default_factory=dict)
    statement: Analysis | None = None
    histories: dict[str, Analysis] = field(default_factory=dict)

    def acting_alone(self, inc: Incident) -> bool:
        """A named third party did this on their own: not the suspect's conduct (s.7(3A) needs procurement)."""
        return bool(inc.actor_id) and self.incidents[inc.id].default_actor.role == "third"

    def all(self) -> list[tuple[str | None, str, Analysis]]:
        out: list[tuple[str | None, str, Analysis]] = [(iid, "narrative", a) for iid, a in self.incidents.items()]
        if self.statement is not None:
            out.append((None, "victim.statement", self.statement))
        out.extend((None, f"suspects[{sid}].history", a) for sid, a in self.histories.items())
        return out

    def cues(
        self,
        name: str,
        *,
        sources: tuple[str, ...] = ("narrative", "victim.statement"),
        keep_negated: bool = False,
        keep_hypothetical: bool = False,
        victim_voice: bool = False,
        witnesses_in_statement: bool = False,
    ) -> list[Cue]:
        """Cue matches; victim_voice keeps only words not spoken by the suspect or others.

        witnesses_in_statement keeps what others say in her statement (her mother's MG11: "she won't walk
        with her mates any more"): in her file they speak of her, while in a record they may speak of
        themselves."""
        found: list[Cue] = []
        for iid, source, analysis in self.all():
            kind = "narrative" if source == "narrative" else source
            if kind not in sources and not (kind.startswith("suspects[") and "history" in sources):
                continue
            for m in analysis.cue_matches(name):
                if not keep_negated and (m.negated or (m.hypothetical and not keep_hypothetical)):
                    continue
                witness = witnesses_in_statement and kind == "victim.statement" and m.actor.role == "third"
                if victim_voice and m.in_speech and m.actor.role != "victim" and not witness:
                    continue
                found.append(Cue(name, iid, source, analysis.words(m.start, m.end), m.sentence))
        return found


# "said ... that nobody asked him to", "No evidence S1 asked her to", "Nothing suggests he asked her to".
_NOBODY_BEFORE = re.compile(
    r"\b(?:nobody|no one|no-one|never|not|n['’]t)\s+(?:\w+\s+)?$"
    r"|\b(?:no evidence|nothing (?:suggests|to suggest|shows|to show))(?: that)? (?:S\d+|SUSP|he|she|they|him|her) $",
    re.I,
)


def _procures(text: str, compiled: Compiled, *, statement: bool = False, her: str | None = None) -> bool:
    """Words showing someone was asked, paid or sent to act, other than by the victim herself.

    In her own statement "she asked me to note it" or "told police to" procures nobody (in a go-between's
    quoted words "Mark asked me to give you this" still does); "I asked her to take it down" is the victim
    asking, read in the few words before the match; so is "because she asked him to" in a record, where `her` is the
    pronoun the record uses for the victim and not for the suspect."""
    for m in compiled.pattern("asked_to_act").finditer(text):
        if statement and compiled.pattern("asks_victim_or_police").match(text, m.start()):
            continue
        if compiled.pattern("victim_asking").search(text, max(0, m.start() - 24), m.start()):
            continue
        if _NOBODY_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "said ... that nobody asked him to": the record denies it
        if her and re.search(rf"(?i)\b{her}\s+(?:\w+\s+)?$", text[max(0, m.start() - 24) : m.start()]):
            continue  # "He forwards new posts to her because she asked him to": the victim asking
        return True
    return False


def procured(case: Case, compiled: Compiled, her: str | None = None) -> bool:
    """The record shows the suspect asked, paid or sent someone to act (PHA 1997 s.7(3A))."""
    statement = case.victim.statement if case.victim and case.victim.statement else ""
    # Prison call recordings set down in his history ("15/06/2026 S1 to Purves: 'Get me a pic of her new place'").
    return (
        _procures(statement, compiled, statement=True)
        or any(_procures(i.narrative, compiled, her=her) for i in case.incidents if i.actor_id)
        or any(bool(compiled.pattern("orders_go_between").search(s.history or "")) for s in case.suspects)
    )


def incident_actor(
    inc: Incident, compiled: Compiled, procured_by_suspect: bool = False, her: str | None = None
) -> Actor:
    """Who acted: the suspect; or a named third party acting on their own (s.7(3A) needs procurement)."""
    own_initiative = bool(compiled.pattern("own_initiative").search(inc.narrative))
    asked = _procures(inc.narrative, compiled, her=her) or bool(
        compiled.pattern("go_between_asked").search(inc.narrative)
    )
    if inc.actor_id and (own_initiative or not (procured_by_suspect or asked)):
        return THIRD
    if inc.suspect_id:
        return Actor("suspect", inc.suspect_id)
    return UNKNOWN


_PRONOUN = {"f": "she", "m": "he"}


def analyse_case(case: Case, compiled: Compiled) -> CaseText:
    cast = build_cast(case, compiled)
    # The victim's pronoun, where the suspect's is the other one: "she asked him to" is then her asking.
    her = _PRONOUN.get(cast.victim_gender or "") if cast.victim_gender != cast.suspect_gender else None
    sent = procured(case, compiled, her)
    texts = CaseText(cast=cast, compiled=compiled, procured=sent)
    who = cast.fingerprint()

    def analysed(text: str, kind: Kind, actor: Actor) -> Analysis:
        key = (text, kind, actor, who)
        hit = compiled.analyses.get(key)
        if isinstance(hit, Analysis):
            return hit
        made = Analysis.of(text, kind, actor, compiled, cast)
        compiled.analyses.put(key, made)
        return made

    for inc in case.incidents:
        texts.incidents[inc.id] = analysed(inc.narrative, "narrative", incident_actor(inc, compiled, sent, her))
    if case.victim and case.victim.statement:
        default = Actor("suspect", cast.primary_suspect) if cast.primary_suspect else UNKNOWN
        texts.statement = analysed(case.victim.statement, "statement", default)
    for s in case.suspects:
        if s.history:
            texts.histories[s.id] = analysed(s.history, "history", Actor("suspect", s.id))
    return texts


def _evidence(analysis: Analysis, m: Match) -> str:
    sentence = m.sentence
    if len(sentence) <= EVIDENCE_MAX:
        return sentence
    s_start, _ = analysis.sentence_span(m.start)
    offset = analysis.original_span(m.start, m.start)[0] - analysis.original_span(s_start, s_start)[0]
    lo = max(0, offset - EVIDENCE_MAX // 2)
    snippet = sentence[lo : lo + EVIDENCE_MAX]
    return ("…" if lo else "") + snippet.strip() + ("…" if lo + EVIDENCE_MAX < len(sentence) else "")


def _accept(m: Match, analysis: Analysis, code: Behaviour, past_too: bool = False) -> bool:
    if not m.actor.is_suspect_side or m.negated or m.hypothetical:
        return False
    cues = analysis.compiled.cues
    history = cues.get("past_relationship")
    if analysis.kind == "narrative" and history is not None and code not in HISTORY_BEHAVIOURS:
        # Criminal history quoted in a log ("convicted in 2016 of threats to kill his former wife").
        hit = history.search(m.sentence)
        if hit and re.match(
            r"(?:convicted|cautioned|charged|imprisoned|jailed|conviction|caution)", hit.group(0), re.I
        ):
            return False
    within = cues.get("within_relationship")
    # "While they were together he brought her lunch": not the course after it ended.
    if (
        analysis.kind == "narrative"
        and within is not None
        and code not in HISTORY_BEHAVIOURS
        and not past_too
        and within.search(m.sentence)
    ):
        return False
    if analysis.kind == "statement":
        previous = cues.get("previous_victim")
        if previous is not None and previous.search(m.sentence):
            return False  # "his last girlfriend says he tracked her car": not this victim's course of conduct
        past = cues.get("past_relationship")
        if code not in HISTORY_BEHAVIOURS and not past_too and past is not None and past.search(m.sentence):
            return False  # "he broke my wrist in 2018": history for risk, not the current course of conduct
    disowned = cues.get("disowned")
    if disowned is not None and disowned.search(m.sentence):
        return False  # "I'm not saying that was him": the teller does not put it on him
    consent = cues.get("consented")
    return not (consent is not None and consent.search(m.sentence))


def find_behaviours(case: Case, texts: CaseText, compiled: Compiled) -> list[Found]:
    found: list[Found] = []
    # The victim's own word that no threat was made outweighs a veiled phrase.
    no_threat = bool(texts.statement and texts.statement.cue_matches("no_threat"))
    for inc in case.incidents:
        found.extend(_incident_behaviours(inc, texts.incidents[inc.id], compiled, no_threat, bool(case.suspects)))
    cleared_by = _cleared_by(case, texts, compiled)
    if cleared_by:
        found = [f for f in found if not _follow_up_of_cleared(f, case, cleared_by)]
    if texts.statement is not None:
        cleared = set(cleared_by)
        # "Report was accurate": the records found the report she calls a lie to be true.
        if any(compiled.pattern("report_was_accurate").search(i.narrative) for i in case.incidents):
            cleared.add(Behaviour.FALSE_ALLEGATIONS)
        for bp in compiled.behaviours:
            if bp.code in cleared:
                continue  # the record that looked into it found it was not his doing
            found.extend(_matches(bp.code, bp.act, texts.statement, None, "victim.statement", speech=False))
            found.extend(_matches(bp.code, bp.speech, texts.statement, None, "victim.statement", speech=True))
            found.extend(_matches(bp.code, bp.history, texts.statement, None, "victim.statement", speech=False))
        found = _not_banter(found, compiled.cue("game_idiom"), "victim.statement")
        # "He also posted on Facebook about the new rules, but it doesn't mention me": a post she says is not about her.
        found = _not_banter(found, compiled.cue("not_about_victim"), "victim.statement", _ABOUT_HER)
        if no_threat:
            # "He's never threatened me for real, the 'murder you' thing was about FIFA": words she quotes in the
            # very sentence that says they were no threat.
            found = _not_banter(found, compiled.cue("no_threat"), "victim.statement")
    for sid, analysis in texts.histories.items():
        for bp in compiled.behaviours:
            if bp.code not in HISTORY_BEHAVIOURS:
                continue
            for pattern in (bp.act, bp.history):
                found.extend(_matches(bp.code, pattern, analysis, None, f"suspects[{sid}].history", speech=False))
    found = [f for f in found if not _contact_with_someone_else(f, found, case, texts)]
    found = [f for f in found if not _post_not_sent_to_her(f, texts)]
    # "3 Larch Grove (IP's former home)": knocking where she no longer lives is not turning up at her home.
    gone = {i.id for i in case.incidents if i.location and _FORMER_HOME.search(i.location)}
    found = [f for f in found if not (f.type is Behaviour.TURNING_UP_UNANNOUNCED and f.incident_id in gone)]
    return dedupe(found)


_FORMER_HOME = re.compile(
    r"\b(?:former|old|previous|ex)[- ](?:home|address|house|flat|residence)\b|\bwhere (?:she|he|IP|V\d) used to live\b",
    re.I,
)


def _post_not_sent_to_her(f: Found, texts: CaseText) -> bool:
    """A public post the record says never reached her ("V1 is not on Facebook and was not tagged"): the channel
    does not make it contact with her. What it says about her is still publishing (s.2A(3)(c))."""
    # (Nor does "Letter from S1's solicitors to the RICS": "nothing was sent ... to V1" says it never reached her.)
    if f.type is not Behaviour.CONTACTING or f.incident_id is None:
        return False
    return bool(texts.incidents[f.incident_id].cue_matches("not_sent_to_victim"))


def acts_lawfully(analysis: Analysis) -> bool:
    """The record gives the act a lawful purpose: a letting agent serving his notice or a solicitor writing for him
    acts on his behalf lawfully, which is not stalking by proxy (PHA 1997 s.1(3))."""
    return any(not m.negated for m in analysis.cue_matches("lawful_purpose"))


def _cleared_by(case: Case, texts: CaseText, compiled: Compiled) -> dict[Behaviour, list[Incident]]:
    """Acts an unattributed record describes and then clears him of ("the AirTag was her partner's; no evidence
    of any involvement by S1"), with the records that clear them: her statement's account of the same act is not
    evidence against him either."""
    out: dict[Behaviour, list[Incident]] = {}
    for inc in case.incidents:
        analysis = texts.incidents[inc.id]
        if inc.suspect_id is not None:
            continue
        stranger = any(
            not m.hypothetical and m.actor.role != "victim" for m in analysis.cue_matches("not_about_victim")
        )
        if not (analysis.cue_matches("exculpation") or stranger):
            continue  # ("the carer does not know V1": the car outside her house was not there for her)
        for bp in compiled.behaviours:
            if bp.code is Behaviour.CONTACTING:
                continue
            if bp.act is not None and analysis.might_match(bp.act) and analysis.act_matches(bp.act):
                out.setdefault(bp.code, []).append(inc)
    return out


def _follow_up_of_cleared(f: Found, case: Case, cleared: dict[Behaviour, list[Incident]]) -> bool:
    """'Follow-up email asking whether he could have put the AirTag there; the same AirTag as I1': an unattributed
    record of the act a record cleared, on its day or naming it, is that cleared act again."""
    if f.incident_id is None or f.type not in cleared:
        return False
    inc = next(i for i in case.incidents if i.id == f.incident_id)
    if inc.suspect_id is not None:
        return False
    for done in cleared[f.type]:
        if done.id == inc.id:
            continue
        named = re.search(rf"\b{re.escape(done.id)}\b", inc.narrative)
        days = (inc.when.date() - done.when.date()).days if inc.when and done.when else None
        if named or (days is not None and 0 <= days <= 1):
            return True
    return False


_EXPOSURE = frozenset({Behaviour.THREAT_TO_EXPOSE, Behaviour.INTIMATE_IMAGE_ABUSE})
_THREAT_KINDS = frozenset(
    {Behaviour.THREAT_TO_KILL, Behaviour.THREAT_OF_VIOLENCE, Behaviour.SEXUAL_THREAT, Behaviour.THREAT_TO_EXPOSE}
)
_ONLINE_CHANNELS = frozenset({"social-media", "messaging-app", "online-publication", "email"})
_ONLINE_FOLLOW = re.compile(
    r"\b(?:account|profile|page|handle|followers?|follow requests?|Instagram|insta|TikTok|Twitter|Facebook|Snapchat|"
    r"Strava|YouTube|Twitch)\b",
    re.I,
)


def _incident_behaviours(
    inc: Incident, analysis: Analysis, compiled: Compiled, no_threat: bool, has_suspects: bool
) -> list[Found]:
    """One incident's behaviours; kept with its (possibly reused) analysis, since they depend on nothing else."""
    channel = inc.channel.value if inc.channel else None

    def compute() -> list[Found]:
        found: list[Found] = []
        if analysis.default_actor.role == "third":
            return found  # a third party acting on their own: not the suspect's conduct
        if (
            inc.suspect_id is None
            and has_suspects
            and (analysis.cue_matches("exculpation") or her_own_record(analysis))
        ):
            return found  # the record shows someone else did it ("V1's own public Facebook post")
        # "V1 sent a direct message to @alan_strand_fan from her own account": the record is of her message, so the
        # channel filed against him is no contact by him (his words, if the record has any, still count).
        her_own = her_own_record(analysis)
        if any(not m.hypothetical and m.actor.role != "victim" for m in analysis.cue_matches("not_about_victim")):
            return found  # "it does not name or refer to V1": not conduct towards her, however unwelcome
        within = bool(analysis.cue_matches("within_relationship"))  # "(still together)": not the course
        # "LAST WARNING. CUT IT OR I GET THE COUNCIL": the warning names a lawful step, not violence.
        lawful_step = any(not m.negated for m in analysis.cue_matches("lawful_consequence"))
        # "Cardboard sign nailed to V1's gatepost: 'KEEP YOUR KILLERS CHAINED.'": a sign left for her is a message,
        # whatever the record's channel says, not a gift.
        displayed = channel == "gift-or-item" and bool(compiled.pattern("displayed_not_given").match(inc.narrative))
        veiled: list[Found] = []
        for bp in compiled.behaviours:
            if (
                channel
                and channel in bp.channels
                and not within
                and not her_own
                and not (displayed and bp.code is Behaviour.UNWANTED_GIFTS)
            ):
                words = inc.narrative.strip().split(". ")[0][:120]
                found.append(Found(bp.code, inc.id, f"{channel}: {words}", "channel", inc.suspect_id))
            found.extend(
                _matches(bp.code, bp.act, analysis, inc.id, "narrative", speech=False, victims_things=bp.victims_things)
            )
            found.extend(_matches(bp.code, bp.speech, analysis, inc.id, "narrative", speech=True))
            if not (no_threat or lawful_step):
                veiled.extend(_matches(bp.code, bp.veiled, analysis, inc.id, "narrative", speech=True))
            # How she read it ("took it as a threat to kill") yields to her word that no threat was made; how the
            # record reads a claim ("V1 has no convictions") is no threat and stands.
            if not (no_threat or lawful_step) or bp.code not in _THREAT_KINDS:
                found.extend(
                    Found(bp.code, inc.id, _evidence(analysis, m), "narrative", inc.suspect_id)
                    for m in analysis.cue_matches(perceived_cue(bp.code))
                    if not m.negated and not m.hypothetical
                )
        # "'tick tock owen. 4 days.' with a cropped still from the intimate video": the countdown is to exposure, not
        # to violence.
        if any(f.type in _EXPOSURE for f in found):
            veiled = [f for f in veiled if f.type is not Behaviour.THREAT_OF_VIOLENCE]
        found.extend(veiled)
        if channel in _ONLINE_CHANNELS:
            # "An account presenting as a girl called Lily followed V1 and began a flirtatious chat": an account
            # following hers online, not following her in person.
            found = [
                f
                for f in found
                if not (f.type is Behaviour.FOLLOWING and f.source == "narrative" and _ONLINE_FOLLOW.search(f.evidence))
            ]
        if analysis.cue_matches("police_contact"):
            # The police rang him: the call is theirs, and what he admits in it happened on the occasions it names.
            # Words he sends her through them are still his.
            found = [f for f in found if f.source != "channel" and f.type in _SAID_THROUGH_POLICE]
        if acts_lawfully(analysis):
            # An agent acting for him, or a grievance appeal to her employer's HR under its policy: the process the
            # law provides, not stalking by proxy or contact with the people around her.
            found = [f for f in found if f.type not in (Behaviour.PROXY_STALKING, Behaviour.THIRD_PARTY_CONTACT)]
            # (Not a note that an order was served on him: the process server is the one there lawfully.)
            own_purpose = any(
                not m.negated and not _SERVICE_NOTE.search(m.sentence) for m in analysis.cue_matches("lawful_purpose")
            )
            if own_purpose and not any(
                f.type in _BANTER_SENSITIVE or f.type is Behaviour.ABUSIVE_CONTENT for f in found
            ):
                # "attended with the gas engineer as notified", "looking at the guttering; written notice of the work
                # went to all six flats": being there for that purpose is not turning up or loitering.
                found = [f for f in found if f.type not in (Behaviour.TURNING_UP_UNANNOUNCED, Behaviour.LOITERING)]
        police_calls = analysis.cue_matches("to_police")
        if police_calls:
            # "101 log: S1 rang to report ...", "999 call from S1's mobile": his call to the police or an ambulance is
            # not contact with her, whether the channel or the words of the call were read as contact.
            said = [m.sentence.strip().strip("…") for m in police_calls]
            found = [
                f
                for f in found
                if not (
                    f.type is Behaviour.CONTACTING
                    and (f.source == "channel" or any(f.evidence.strip("…") in s or s in f.evidence for s in said))
                )
            ]
        # "I'll kill you in the five-a-side tomorrow": winning a game, not a threat.
        if analysis.cue_matches("game_idiom"):
            found = _not_banter(found, compiled.cue("game_idiom"))
        if no_threat and analysis.cue_matches("joking"):
            # She says he has never threatened her, and these words carry his laughter: banter, not a threat.
            found = [f for f in found if f.type not in _BANTER_SENSITIVE]
        return _refuted_claim(inc, analysis, _refuted_report(inc, analysis, found))

    return analysis.memoised(("found", (inc.id, channel, inc.suspect_id, no_threat, has_suspects)), compute)


_REPORTED_ACTS = frozenset(
    {
        Behaviour.THREAT_TO_KILL,
        Behaviour.THREAT_OF_VIOLENCE,
        Behaviour.WEAPON,
        Behaviour.PHYSICAL_VIOLENCE,
        Behaviour.PROPERTY_DAMAGE,
        Behaviour.FOLLOWING,
        Behaviour.TURNING_UP_UNANNOUNCED,
    }
)


def _refuted_report(inc: Incident, analysis: Analysis, found: list[Found]) -> list[Found]:
    """His own report to the police about her, in a record that shows it untrue: a false allegation, and what he
    says she did in it ("reports that YELLAND threatened him with a hammer") is not his own threat or weapon.

    Why: counter-allegations are a known tactic ("Caller BREESE states his ex partner Aisha MORAN is harrassing him
    ... CSP returns show 212 calls from BREESE to MORAN. Re-crimed, BREESE now suspect"). The report and its
    refutation are often sentences apart, so the two are read as cues of the one record.
    """
    his = [m for m in analysis.cue_matches("reports_victim") if m.actor.role == "suspect"]
    if not his or not analysis.cue_matches("report_refuted"):
        return found
    reported = {m.sentence for m in his}
    kept = [f for f in found if not (f.type in _REPORTED_ACTS and f.evidence in reported)]
    reports = [m for m in his if not m.negated and not m.hypothetical]
    if reports:
        kept.append(
            Found(Behaviour.FALSE_ALLEGATIONS, inc.id, _evidence(analysis, reports[0]), "narrative", inc.suspect_id)
        )
    return kept


def _refuted_claim(inc: Incident, analysis: Analysis, found: list[Found]) -> list[Found]:
    """His own quoted words about her, then the record's answer to them: a false claim about her.

    Why: a leaflet saying "Council investigating" where "there was no council investigation", or a review saying she
    "has no insurance" where "V1 holds current insurance", is a false allegation (s.2A(3)); the claim and its
    refutation sit sentences apart, so they are read as cues of the one record, his words first.
    """
    if any(f.type is Behaviour.FALSE_ALLEGATIONS for f in found):
        return found
    answers = [m for m in analysis.cue_matches("claim_refuted") if not m.negated and not m.hypothetical]
    if not answers:
        return found
    answer = answers[0]
    said = [
        q
        for q in analysis.quotes
        if q.end <= answer.start and q.end - q.start > 12 and (q.speaker.is_suspect_side or q.speaker.role == "unknown")
    ]
    if not said:
        return found
    claim = analysis.sentence_span(said[-1].start)
    words = analysis.text[claim[0] : claim[1]].strip()[:160]
    return [
        *found,
        Found(
            Behaviour.FALSE_ALLEGATIONS,
            inc.id,
            f"{words} … {answer.sentence.strip()[:160]}",
            "narrative",
            inc.suspect_id,
        ),
    ]


_SERVICE_NOTE = re.compile(r"\b(?:served|service|serving)\b", re.I)
_SAID_THROUGH_POLICE = frozenset(
    {Behaviour.THREAT_TO_KILL, Behaviour.THREAT_OF_VIOLENCE, Behaviour.SEXUAL_THREAT, Behaviour.THREAT_TO_EXPOSE}
)
_BANTER_SENSITIVE = frozenset({Behaviour.THREAT_TO_KILL, Behaviour.THREAT_OF_VIOLENCE, Behaviour.WEAPON})


_ABOUT_HER = frozenset({Behaviour.PUBLISHING, Behaviour.CONTACTING, Behaviour.ABUSIVE_CONTENT})


def _not_banter(
    found: list[Found],
    words: re.Pattern[str],
    source: str | None = None,
    types: frozenset[Behaviour] = _BANTER_SENSITIVE,
) -> list[Found]:
    """Drops threats whose own sentence shows they were about a game or no threat at all (from `source` only,
    when given): "I'll kill you in the five-a-side"; or, with other `types`, findings their own sentence says are not
    about her."""
    return [
        f
        for f in found
        if not (f.type in types and (source is None or f.source == source) and words.search(f.evidence))
    ]


def her_own_record(analysis: Analysis) -> bool:
    """The record is of her own act or message ("V1's own post", "V1 sent a direct message to @x from her own
    account", "IP rang S1 from her own mobile"), though it may be filed against him."""
    return bool(analysis.cue_matches("not_his_record"))


def not_to_victim(analysis: Analysis) -> bool:
    """The record says the message did not go to her ("Not addressed or copied to V1", "to the payroll mailbox (not to
    V1)"): whatever it says of her, it is not contact with her."""
    return any(not m.hypothetical for m in analysis.cue_matches("not_addressed_to_victim"))


def _contact_with_someone_else(f: Found, found: list[Found], case: Case, texts: CaseText) -> bool:
    """A call to her mother is contact with her mother: the channel alone does not make it contact with her,
    unless the words were for her ("asked her to pass it on") or a third party delivered them (via-third-party)."""
    if f.type is not Behaviour.CONTACTING or f.incident_id is None:
        return False
    inc = next(i for i in case.incidents if i.id == f.incident_id)
    # "Email from S1 to the payroll mailbox (not to V1)": the record says it did not go to her, whatever words
    # called it an email from him.
    analysis = texts.incidents[inc.id]
    if not_to_victim(analysis) and not analysis.cue_matches("pass_on"):
        return True
    if f.source != "channel":
        return False
    by_words = {g.type for g in found if g.incident_id == f.incident_id and g.source != "channel"}
    # "Email to the airline's customer relations describing a scald ...": a complaint to an office, not to her.
    to_an_office = bool(_TO_AN_OFFICE.match(inc.narrative))
    if (Behaviour.THIRD_PARTY_CONTACT not in by_words and not to_an_office) or Behaviour.CONTACTING in by_words:
        return False
    relayed = inc.channel is not None and inc.channel.value == "via-third-party"
    # "To V1, copied to all trustees", "Copied to all eleven committee members": a copy has a main recipient, and
    # where the record names no one else (not "Email to the school office and copied to the governors") it is her.
    copied = _COPIED.search(inc.narrative)
    if copied and not _SENT_TO_OTHER.search(inc.narrative, 0, copied.start()):
        return False
    # "no threats; no message for V1": a message for her the record denies is not one.
    return not (relayed or any(not m.negated for m in texts.incidents[inc.id].cue_matches("pass_on")))


_COPIED = re.compile(r"\b(?:copied|cc'?d|copying) to\b", re.I)
_TO_AN_OFFICE = re.compile(
    r"(?:[\w-]+ ){0,2}?(?:e-?mail|letter|complaint|message|claim)s? to (?:the |a |an |his |her |their )?"
    r"(?:[\w'’&-]+ ){0,3}?(?:customer relations|customer services?"
    r"|complaints (?:team|department|unit|address|inbox|line)"
    r"|claims (?:team|department)|head office|regulator|ombudsman|insurers?)\b",
    re.I,
)
_SENT_TO_OTHER = re.compile(
    r"\b(?:e-?mail|letter|message|text|complaint)s? (?:[\w@.'’-]+ ){0,4}?to (?!V\d+\b|IP\b|her\b|him\b|the victim\b)",
    re.I,
)


_POSSESSIVE_GENDER = {"his": "m", "her": "f"}


_POSSESSIVE_BEFORE = re.compile(r"\b(his|her) \Z", re.I)


def _own_things(m: Match, analysis: Analysis) -> bool:
    """'S1 stood there checking his phone': the possessive is the suspect's own (his gender, not hers)."""
    if m.actor.role != "suspect":
        return False
    cast = analysis.cast
    if cast.suspect_gender is None or cast.suspect_gender == cast.victim_gender:
        return False
    words = re.findall(r"\b(his|her)\b", analysis.text[m.start : m.end].lower())
    # ... or just before it: "two weeks after his car was broken into".
    before = _POSSESSIVE_BEFORE.search(analysis.text, max(0, m.start - 5), m.start)
    if before is not None:
        words.append(before.group(1).lower())
    return bool(words) and all(_POSSESSIVE_GENDER[w] == cast.suspect_gender for w in words)


def _matches(
    code: Behaviour,
    pattern,  # type: ignore[no-untyped-def]
    analysis: Analysis,
    iid: str | None,
    source: str,
    *,
    speech: bool,
    victims_things: bool = False,
    past_too: bool = False,
) -> list[Found]:
    if pattern is None or not analysis.might_match(pattern):
        return []
    matches = analysis.speech_matches(pattern) if speech else analysis.act_matches(pattern)
    return [
        Found(code, iid, _evidence(analysis, m), source, m.actor.suspect_id)
        for m in matches
        if _accept(m, analysis, code, past_too)
        and not (victims_things and not speech and _own_things(m, analysis))
        and not (code in _THREATS and _threat_to_himself(m, analysis))
    ]


_THREATS = frozenset({Behaviour.THREAT_OF_VIOLENCE, Behaviour.THREAT_TO_KILL})
_OTHERS_TO_ME = re.compile(r"(?i)^they\b.*\b(?:me|my)$")


def _threat_to_himself(m: Match, analysis: Analysis) -> bool:
    """In his own quoted words, "they will hurt me" is harm to him from others (a debtor's plea), not a threat to her;
    in her statement the same words are hers ("said they'd break my legs"). Only "they": a quote whose speaker is read
    as him may be her own words on a 999 call ("he's going to hurt me")."""
    quote = analysis.quote_at(m.start)  # his words in quote marks, not her report of them
    return (
        quote is not None
        and quote.speaker.role == "suspect"
        and bool(_OTHERS_TO_ME.match(analysis.words(m.start, m.end)))
    )


def dedupe(found: list[Found]) -> list[Found]:
    """One finding per behaviour, incident and source; text evidence beats a channel inference."""
    best: dict[tuple[Behaviour, str | None, str], Found] = {}
    for f in found:
        key = (f.type, f.incident_id, "incident" if f.incident_id else f.source)
        cur = best.get(key)
        if cur is None or (cur.source == "channel" and f.source != "channel"):
            best[key] = f
    return list(best.values())


def history_matches(texts: CaseText, compiled: Compiled, codes: set[Behaviour]) -> list[Found]:
    """Past conduct from histories and the statement, for risk (not reported as behaviours)."""
    out: list[Found] = []
    for iid, source, analysis in texts.all():
        if source == "narrative":
            continue
        for bp in compiled.behaviours:
            if bp.code in codes:
                # Conduct while they were together is exactly the history risk asks about.
                for pattern in (bp.act, bp.history):
                    out.extend(_matches(bp.code, pattern, analysis, iid, source, speech=False, past_too=True))
                if source == "victim.statement":
                    out.extend(_matches(bp.code, bp.speech, analysis, iid, source, speech=True, past_too=True))
    return _not_banter(out, compiled.cue("game_idiom"))
