"""Taalbrug's shared vocabulary, each term defined once: intent groups, staff roles,
the review statuses of unmet questions, their reasons and the handover states,
with the Dutch labels the staff and report pages show."""

from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# --- intents ---------------------------------------------------------------
EMERGENCY = "emergency"
FALLBACK = "nlu_fallback"  # Rasa's intent for a message that was not understood
ASK_HUMAN = "ask_human"
STOP = "deny"  # "no" / "stop"
FEEDBACK_NEGATIVE = "feedback_negative"
OUT_OF_SCOPE = "out_of_scope"

# Yes, no, hello and thanks: inside a form they are no new request, so the question is asked again.
SMALL_TALK: FrozenSet[str] = frozenset({"affirm", STOP, "greet", "thank"})
# Messages that manage the conversation and carry no question of their own (never an unmet question).
CONVERSATIONAL: FrozenSet[str] = SMALL_TALK | {"goodbye", "choose_language", FEEDBACK_NEGATIVE}
# Messages the NLU understood as no topic at all.
NO_TOPIC: FrozenSet[str] = frozenset({FALLBACK, OUT_OF_SCOPE})
# A message with one of these intents makes a referral form let go; it is answered as usual.
LEAVES_FORM: FrozenSet[str] = frozenset({EMERGENCY, ASK_HUMAN, "goodbye"})
# ... and the answer action then ends the form, also on "stop" where no/yes is not an answer.
ENDS_FORM: FrozenSet[str] = LEAVES_FORM | {STOP}

# Answers that state no rule, deadline, price, phone number or procedure of an authority: they manage the
# conversation or only give the municipality's own contact data (municipalities/). Every other answer carries
# `source` and `checked` (bot.content.topic_answers).
NEEDS_NO_SOURCE: FrozenSet[str] = CONVERSATIONAL | NO_TOPIC | {
    ASK_HUMAN, "bot_challenge", "appointment", "opening_hours",
}

# --- the safety net ---------------------------------------------------------
# What the safety net says of a message (bot.safety.safety_net).
SAFETY_EMERGENCY, SAFETY_UNSURE, SAFETY_NONE = "emergency", "unsure", "none"
SAFETY_LEVELS: Dict[str, str] = {
    SAFETY_EMERGENCY: "112 gegeven",
    SAFETY_UNSURE: "gevraagd of het een noodgeval is",
}
# Danger categories whose emergency answer also gives a national helpline (answers/emergency.yml).
HELPLINE_CATEGORIES: Tuple[str, ...] = ("suicide", "domestic_violence")

# --- staff roles -------------------------------------------------------------
ROLES: Tuple[str, ...] = ("admin", "policy", "staff")
# Who may use the staff helper and answer handovers.
STAFF: Tuple[str, ...] = ROLES
# Who may read the policy report, the unmet questions and the exports.
REPORT_READERS: Tuple[str, ...] = ("admin", "policy")
# Who may open, take over and answer a resident's live conversation (human handover).
LIVE_HANDOVER: Tuple[str, ...] = ("admin", "staff")

# --- unmet questions: review statuses and reasons ------------------------------
STATUSES: Dict[str, str] = {
    "new": "nieuw",
    "reviewed": "bekeken",
    "added": "toegevoegd aan de inhoud",
    "not_relevant": "niet relevant",
}
REASONS: Dict[str, str] = {
    "fallback": "niet begrepen",
    "out_of_scope": "buiten het aanbod",
    "feedback_negative": "klacht getypt",
    "unhelpful": "niet nuttig (knop)",
}

# --- channels ----------------------------------------------------------------
# The gateway's widget (/api/chat): its input_channel in Rasa's tracker. The widget fetches a staff
# member's messages from the gateway (/api/chat/updates).
WEB_CHANNEL = "web"
# Channels where the bot may speak first, so that a staff member's message can reach the resident: each
# input_channel with the Rasa channel (its name()) that carries it (SMS goes out through Twilio's channel).
# Rasa's REST channel is not one of them: it answers only inside the request that brought the message.
PUSH_CHANNELS: Dict[str, str] = {
    "whatsapp": "whatsapp",
    "sms": "whatsapp",
    "telegram": "telegram",
    "socketio": "socketio",
}
# Where the staff desk can take a conversation over; elsewhere asking for a person gives the contacts.
HANDOVER_CHANNELS: FrozenSet[str] = frozenset({WEB_CHANNEL, *PUSH_CHANNELS})
# The channels as the staff page names them.
CHANNEL_NAMES: Dict[str, str] = {
    WEB_CHANNEL: "website",
    "whatsapp": "WhatsApp",
    "sms": "sms",
    "telegram": "Telegram",
    "socketio": "webchat (socket.io)",
}
# Questions a staff member asks the front-desk helper (/staff), as counted in the indicators.
STAFF_CHANNEL = "staff"

# --- human handover states --------------------------------------------------
HANDOVER_STATES: Dict[str, str] = {
    "waiting": "wacht",
    "active": "in gesprek",
    "ended": "beëindigd",
}

# Who said a line of a conversation, as the staff page names them.
SPEAKERS: Dict[str, str] = {
    "resident": "Inwoner",
    "staff": "Medewerker",
    "bot": "Taalbrug",
}
