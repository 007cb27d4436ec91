"""What people say in the records: banks of quoted speech, filled in and sometimes mistyped.

Referenced from templates as `{q:bank}`. Quotes may hold slots of their own
({vname}, {place}, ...). The engine must cope with indirect threats ("you won't
see Christmas"), pleading, gloating and plain abuse, so each tone has a bank.
"""

from __future__ import annotations

QUOTES: dict[str, tuple[str, ...]] = {
    "plead": (
        "Answer me. I just want to talk.",
        "Please {vname} just five minutes, thats all I'm asking",
        "You don't get to just end it like that.",
        "I'm not going anywhere. You know that.",
        "Why are you ignoring me? I only want to see you",
        "I miss you so much. Pick up the phone.",
        "We were happy. You know we were. Give me one more chance.",
        "I'll stay in your life forever whether you like it or not.",
    ),
    "angry": (
        "You think you can just block me? Think again.",
        "You've ruined my life and you're carrying on like nothing happened.",
        "Who is he? I know there's someone.",
        "You're nothing without me and everyone knows it.",
        "Don't you dare ignore me.",
        "I know you're reading these.",
    ),
    "monitoring": (
        "Nice top today. Blue suits you.",
        "Enjoy {place}? Say hi to your friend.",
        "Why were you at {place} so late?",
        "Saw you leave work at {time}. Who was that you were with?",
        "I'll always know where you are.",
        "Your light's still on. Can't sleep either?",
    ),
    "threat_kill": (
        "If I can't have you nobody will. I'll cut your throat.",
        "I'll kill you, I swear to God.",
        "You're dead. You and him both.",
        "You won't see Christmas.",
        "I'll put you in the ground.",
        "One day you'll open the door and it'll be the last thing you do.",
    ),
    "threat_violence": (
        "I'll smash your face in.",
        "Next time I see you I'll break both your legs.",
        "Keep it up and see what happens to your car.",
        "You'll get what's coming to you.",
        "I know where you live. Remember that.",
        "Next time I bring the lads and we do you properly.",
    ),
    "suicide": (
        "If you don't answer I'll kill myself and it'll be your fault.",
        "I can't go on without you. This is goodbye.",
        "I'm stood on the bridge. Call me or I'm jumping.",
    ),
    "expose": (
        "I've still got the photos. Want everyone at work to see them?",
        "Answer me or your mum gets sent the videos.",
        "I'll tell everyone what you really are.",
    ),
    "gloat": (
        "Seen what people are saying about you? Told you everyone would know.",
        "A piece of paper won't stop me.",
        "So you went to the police. Big mistake.",
        "You got me nicked. You'll pay for that.",
        "Tick tock.",
    ),
    "abuse": (
        "You selfish parasite.",
        "You're a stuck-up cow and everyone on this street hates you.",
        "Scum. Absolute scum.",
        "Pathetic. Look at the state of you.",
        "Nobody wants you here.",
    ),
    "neighbour": (
        "Move your car, that's my space.",
        "NOT YOUR SPACE. LEARN TO READ.",
        "Turn that music down or I'll come round and do it myself.",
        "Your bins are on my drive again.",
        "That hedge is coming down whether you like it or not.",
        "I've been here twenty years, you've been here five minutes.",
    ),
    "money": (
        "You owe me {amount}. Pay up by Friday.",
        "Where's my money? I'm done asking nicely.",
        "Friday's gone. You know what happens now.",
        "I want what I'm owed and I'll get it one way or another.",
        "You robbed me and you think you can walk away?",
    ),
    "family": (
        "Dad would be ashamed of you.",
        "That house is half mine and you know it.",
        "You turned Mum against me. You'll regret it.",
        "Stay away from the funeral or there'll be trouble.",
        "You're no sister of mine.",
    ),
    "debt_open": (
        "We have been instructed by {creditor} about an outstanding balance of {amount} on account {debtref}.",
        "We wrote to you last month about account {debtref} and have not heard back.",
        "Our client {creditor} has passed us your account {debtref}, balance {amount}.",
    ),
    "debt_close": (
        "If you believe this is not owed, please tell us and we will look into it.",
        "Please contact us within 14 days to discuss this balance, or let us know if you dispute it.",
        "If you are having difficulty paying, we can agree an affordable plan.",
        "Free, confidential debt advice is available from organisations such as StepChange or Citizens Advice.",
    ),
    "coparent": (
        "Hi, could I pick {child} up at 10 instead of 9 on Saturday? Thanks.",
        "Reminder: {child} has the dentist on Tuesday at 4. I can take {child} if that's easier.",
        "Are we still OK for the half-term dates in the order? I've booked the Thursday off.",
        "{child} left the PE kit at mine, I'll drop it at school tomorrow.",
        "Can we swap weekends this month? My mum's 70th is on the 14th.",
        "Parents' evening is on the 12th, are you going or shall I?",
    ),
    "welcomed": (
        "Morning gorgeous, good luck in your exam x",
        "Pick you up at 6? x",
        "Had the best time last night. Same again Friday?",
        "Home safe? Text me when you're in x",
        "Love you. See you after work.",
    ),
    "online": (
        "I know you read my DMs. You always read them.",
        "Why did you block me? I was your biggest supporter.",
        "I've made a new account since you can't handle the truth.",
        "You owe me a reply after everything I've done for you.",
        "I'm coming to your next meet-up. Can't wait to finally see you.",
        "I know which town you stream from. Not hard to work out.",
    ),
    "false_claim": (
        "{vfull} stole thousands from the food bank {vp} pretends to care about.",
        "Everyone should know {vname} is under police investigation for fraud.",
        "Ask {vname} why {vp} really left {vd} last job.",
        "{vname} is a danger to children. Parents at St Anne's should know.",
    ),
}
