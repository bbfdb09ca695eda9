//! Logging in and out: bot tokens, phone codes, 2FA passwords (SRP), sign-up and QR codes.
