package io.gomsggw.smpp.pdu;

/**
 * An SMPP address: type of number, numbering plan indicator and the address digits
 * (a C-octet string of at most 20 octets in submit_sm/deliver_sm/query_sm, 40 in a bind's
 * {@code address_range} and 64 in data_sm; each PDU checks its own limit).
 *
 * @param ton     {@code *_addr_ton}, 0..255 (1 = international)
 * @param npi     {@code *_addr_npi}, 0..255 (1 = E.164)
 * @param address the address text, possibly empty
 */
public record Address(int ton, int npi, String address) {

    /** Type of number "international". */
    public static final int TON_INTERNATIONAL = 1;
    /** Numbering plan "ISDN (E.163/E.164)". */
    public static final int NPI_E164 = 1;
    /** The empty address (ton 0, npi 0, ""). */
    public static final Address EMPTY = new Address(0, 0, "");

    /** Validates the ranges and that the text fits a C-octet string of 65 octets. */
    public Address {
        Fields.u8("ton", ton);
        Fields.u8("npi", npi);
        Fields.cString("address", address, 65);
    }

    /** An international E.164 address (ton 1, npi 1). */
    public static Address international(String digits) {
        return new Address(TON_INTERNATIONAL, NPI_E164, digits);
    }

    /** Throws unless the text fits {@code max} octets including the NUL. */
    Address requireMax(String name, int max) {
        Fields.cString(name, address, max);
        return this;
    }
}
