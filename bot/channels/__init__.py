"""Rasa input and output channels of Taalbrug (socket.io, WhatsApp through Twilio, Telegram), registered
by dotted path in credentials.yml; every one renders bot messages through `render`."""
