package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.PduDecodeException;

/** A frame that did not decode, passed from {@link PduCodec} to the session handler. */
record MalformedPdu(PduDecodeException error) {}
