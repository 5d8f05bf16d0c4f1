/**
 * Text codings of SMPP {@code data_coding}: GSM 03.38 7-bit (unpacked and packed), IA5,
 * Latin-1 and UCS-2 (UTF-16BE), and {@link io.gomsggw.smpp.charset.DataCoding} to choose one.
 * Pure functions over {@code byte[]}; no state.
 */
package io.gomsggw.smpp.charset;
