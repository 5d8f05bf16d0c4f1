/**
 * Long messages: User Data Header parsing and writing ({@link io.gomsggw.smpp.text.Udh}),
 * extraction of a PDU's part information from UDH or SAR TLVs
 * ({@link io.gomsggw.smpp.text.MessageParts}), splitting text into parts
 * ({@link io.gomsggw.smpp.text.Segmenter}) and putting parts back together
 * ({@link io.gomsggw.smpp.text.Reassembler}). Pure: no I/O, time from an injected Clock.
 */
package io.gomsggw.smpp.text;
