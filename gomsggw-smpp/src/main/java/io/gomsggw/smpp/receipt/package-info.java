/**
 * SMSC delivery receipts: the {@code id:… sub:… dlvrd:… stat:…} text carried in a
 * {@code deliver_sm} with esm_class 0x04. A pure format, like the codec.
 */
package io.gomsggw.smpp.receipt;
