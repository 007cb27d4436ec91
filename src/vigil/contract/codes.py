"""Every fixed code of the vigil.case/1 and vigil.assessment/1 formats.

The contract (shared/contract/README.md) fixes these spellings; they are public
interchange vocabulary, so they live as enums that the models, the law data and
the engine all validate against.
"""

from __future__ import annotations

from enum import StrEnum


class Jurisdiction(StrEnum):
    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class Relationship(StrEnum):
    CURRENT_PARTNER = "current-partner"
    EX_PARTNER = "ex-partner"
    FAMILY = "family"
    ACQUAINTANCE = "acquaintance"
    COLLEAGUE = "colleague"
    NEIGHBOUR = "neighbour"
    CLIENT_OR_CUSTOMER = "client-or-customer"
    ONLINE_ONLY = "online-only"
    STRANGER = "stranger"
    UNKNOWN = "unknown"


class Channel(StrEnum):
    IN_PERSON = "in-person"
    PHONE_CALL = "phone-call"
    TEXT_MESSAGE = "text-message"
    EMAIL = "email"
    SOCIAL_MEDIA = "social-media"
    MESSAGING_APP = "messaging-app"
    LETTER = "letter"
    GIFT_OR_ITEM = "gift-or-item"
    VIA_THIRD_PARTY = "via-third-party"
    ONLINE_PUBLICATION = "online-publication"
    TRACKING_OR_SURVEILLANCE = "tracking-or-surveillance"
    OTHER = "other"


class ThirdPartyRole(StrEnum):
    WITNESS = "witness"
    FAMILY = "family"
    FRIEND = "friend"
    NEW_PARTNER = "new-partner"
    COLLEAGUE = "colleague"
    GO_BETWEEN = "go-between"
    OTHER = "other"


class OrderType(StrEnum):
    POLICE_INFORMATION_NOTICE = "police-information-notice"
    EARLY_HARASSMENT_NOTICE = "early-harassment-notice"
    BAIL_CONDITIONS = "bail-conditions"
    RESTRAINING_ORDER = "restraining-order"
    NON_MOLESTATION_ORDER = "non-molestation-order"
    STALKING_PROTECTION_ORDER = "stalking-protection-order"
    INTERIM_STALKING_PROTECTION_ORDER = "interim-stalking-protection-order"
    DOMESTIC_ABUSE_PROTECTION_ORDER = "domestic-abuse-protection-order"
    INJUNCTION = "injunction"
    CHILD_ARRANGEMENTS_ORDER = "child-arrangements-order"
    OTHER = "other"


class ConditionType(StrEnum):
    NO_CONTACT = "no-contact"
    EXCLUSION_ZONE = "exclusion-zone"
    NO_APPROACH = "no-approach"
    NO_HARASSMENT = "no-harassment"
    NO_ONLINE_PUBLICATION = "no-online-publication"
    NO_THIRD_PARTY_CONTACT = "no-third-party-contact"
    OTHER = "other"


class Category(StrEnum):
    STALKING_FEAR_OR_DISTRESS = "stalking-fear-or-distress"
    STALKING = "stalking"
    HARASSMENT_FEAR_OF_VIOLENCE = "harassment-fear-of-violence"
    HARASSMENT = "harassment"
    SINGLE_INCIDENT = "single-incident"
    NO_OFFENCE = "no-offence"


class RecordedAs(StrEnum):
    """What a force recorded: a category, or `other`."""

    STALKING_FEAR_OR_DISTRESS = "stalking-fear-or-distress"
    STALKING = "stalking"
    HARASSMENT_FEAR_OF_VIOLENCE = "harassment-fear-of-violence"
    HARASSMENT = "harassment"
    SINGLE_INCIDENT = "single-incident"
    NO_OFFENCE = "no-offence"
    OTHER = "other"


class Investigator(StrEnum):
    DETECTIVE = "detective"
    SPECIALIST = "specialist"
    UNIFORM = "uniform"
    NONE = "none"


class Behaviour(StrEnum):
    FOLLOWING = "following"
    CONTACTING = "contacting"
    PUBLISHING = "publishing"
    MONITORING_COMMUNICATIONS = "monitoring-communications"
    LOITERING = "loitering"
    INTERFERING_WITH_PROPERTY = "interfering-with-property"
    WATCHING_OR_SPYING = "watching-or-spying"
    TURNING_UP_UNANNOUNCED = "turning-up-unannounced"
    PROPERTY_DAMAGE = "property-damage"
    THREAT_TO_KILL = "threat-to-kill"
    THREAT_OF_VIOLENCE = "threat-of-violence"
    SEXUAL_THREAT = "sexual-threat"
    PHYSICAL_VIOLENCE = "physical-violence"
    WEAPON = "weapon"
    THIRD_PARTY_CONTACT = "third-party-contact"
    PROXY_STALKING = "proxy-stalking"
    FALSE_ALLEGATIONS = "false-allegations"
    IMPERSONATION = "impersonation"
    FAKE_ACCOUNT = "fake-account"
    UNWANTED_GIFTS = "unwanted-gifts"
    TRACKING_DEVICE = "tracking-device"
    ACCOUNT_INTRUSION = "account-intrusion"
    INTIMATE_IMAGE_ABUSE = "intimate-image-abuse"
    THREAT_OF_SUICIDE = "threat-of-suicide"
    ABUSIVE_CONTENT = "abusive-content"
    STRANGULATION = "strangulation"
    COERCIVE_CONTROL = "coercive-control"
    THREAT_TO_EXPOSE = "threat-to-expose"


class RiskLevel(StrEnum):
    STANDARD = "standard"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class ActionCode(StrEnum):
    RECORD_AS_STALKING = "record-as-stalking"
    RISK_MANAGEMENT_PLAN = "risk-management-plan"
    ALLOCATE_SPECIALIST_INVESTIGATOR = "allocate-specialist-investigator"
    REFER_SPECIALIST_ADVOCACY = "refer-specialist-advocacy"
    VICTIMS_CODE_NEEDS_ASSESSMENT = "victims-code-needs-assessment"
    CONSIDER_ARREST = "consider-arrest"
    CONSIDER_BAIL_CONDITIONS = "consider-bail-conditions"
    APPLY_STALKING_PROTECTION_ORDER = "apply-stalking-protection-order"
    REQUEST_RESTRAINING_ORDER = "request-restraining-order"
    ADVISE_CIVIL_REMEDIES = "advise-civil-remedies"
    INVESTIGATE_BREACH = "investigate-breach"
    RECORD_CRIME = "record-crime"
    RECORD_ADDITIONAL_OFFENCES = "record-additional-offences"
    COMPLETE_RISK_ASSESSMENT = "complete-risk-assessment"
    PRESERVE_DIGITAL_EVIDENCE = "preserve-digital-evidence"
    ATTRIBUTE_ACCOUNTS = "attribute-accounts"
    DO_NOT_ISSUE_PIN = "do-not-issue-pin"
    MARAC_REFERRAL = "marac-referral"
    SAFEGUARD_THIRD_PARTIES = "safeguard-third-parties"
    SAFEGUARD_CHILDREN = "safeguard-children"


class OffenceCode(StrEnum):
    PHA1997_S2 = "PHA1997-s2"
    PHA1997_S2A = "PHA1997-s2A"
    PHA1997_S4 = "PHA1997-s4"
    PHA1997_S4A = "PHA1997-s4A"
    PHA1997_S3_6 = "PHA1997-s3-6"
    PHA1997_S5_5 = "PHA1997-s5-5"
    SPA2019_S8 = "SPA2019-s8"
    FLA1996_S42A = "FLA1996-s42A"
    DAA2021_S39 = "DAA2021-s39"
    OAPA1861_S16 = "OAPA1861-s16"
    MCA1988_S1 = "MCA1988-s1"
    CA2003_S127 = "CA2003-s127"
    OSA2023_S179 = "OSA2023-s179"
    OSA2023_S181 = "OSA2023-s181"
    SCA2015_S76 = "SCA2015-s76"
    CDA1971_S1 = "CDA1971-s1"
    SOA2003_S66B = "SOA2003-s66B"
    CMA1990_S1 = "CMA1990-s1"
    CDA1998_S32 = "CDA1998-s32"
    CJPOA1994_S51 = "CJPOA1994-s51"


STALKING_CATEGORIES = frozenset({Category.STALKING, Category.STALKING_FEAR_OR_DISTRESS})
COURSE_CATEGORIES = frozenset(
    {
        Category.STALKING,
        Category.STALKING_FEAR_OR_DISTRESS,
        Category.HARASSMENT,
        Category.HARASSMENT_FEAR_OF_VIOLENCE,
    }
)
