package io.gomsggw.smpp.pdu;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The body shared by {@code submit_sm} and {@code deliver_sm} (spec 4.4.1 and 4.6.1). Immutable;
 * {@code shortMessage} is copied in and out. Build one with {@link #builder()}.
 *
 * @param serviceType          at most 5 octets
 * @param source               source address, at most 20 octets
 * @param destination          destination address, at most 20 octets
 * @param esmClass             {@code esm_class}; bit 0x40 means the message starts with a UDH
 * @param protocolId           {@code protocol_id}
 * @param priorityFlag         {@code priority_flag}
 * @param scheduleDeliveryTime empty or a 16-character time, at most 16 octets
 * @param validityPeriod       empty or a 16-character time, at most 16 octets
 * @param registeredDelivery   {@code registered_delivery}; low two bits ask for a receipt
 * @param replaceIfPresentFlag {@code replace_if_present_flag}
 * @param dataCoding           {@code data_coding}, see {@code io.gomsggw.smpp.charset.DataCoding}
 * @param smDefaultMsgId       {@code sm_default_msg_id}
 * @param shortMessage         up to 254 octets ({@code sm_length} is its length)
 * @param tlvs                 optional parameters in order
 */
public record SmFields(
        String serviceType,
        Address source,
        Address destination,
        int esmClass,
        int protocolId,
        int priorityFlag,
        String scheduleDeliveryTime,
        String validityPeriod,
        int registeredDelivery,
        int replaceIfPresentFlag,
        int dataCoding,
        int smDefaultMsgId,
        byte[] shortMessage,
        Tlvs tlvs) {

    /** The maximum {@code sm_length}. */
    public static final int MAX_SHORT_MESSAGE = 254;
    /** {@code esm_class} bit: UDH indicator. */
    public static final int ESM_UDHI = 0x40;
    /** {@code esm_class} message type: SMSC delivery receipt. */
    public static final int ESM_DELIVERY_RECEIPT = 0x04;

    /** Validates every field and copies {@code shortMessage}. */
    public SmFields {
        Fields.cString("service_type", serviceType, Fields.SERVICE_TYPE);
        if (source == null || destination == null || tlvs == null || shortMessage == null) {
            throw new IllegalArgumentException("source, destination, shortMessage and tlvs are required");
        }
        source.requireMax("source_addr", Fields.ADDRESS);
        destination.requireMax("destination_addr", Fields.ADDRESS);
        Fields.u8("esm_class", esmClass);
        Fields.u8("protocol_id", protocolId);
        Fields.u8("priority_flag", priorityFlag);
        Fields.cString("schedule_delivery_time", scheduleDeliveryTime, Fields.TIME);
        Fields.cString("validity_period", validityPeriod, Fields.TIME);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("replace_if_present_flag", replaceIfPresentFlag);
        Fields.u8("data_coding", dataCoding);
        Fields.u8("sm_default_msg_id", smDefaultMsgId);
        if (shortMessage.length > MAX_SHORT_MESSAGE) {
            throw new IllegalArgumentException("short_message longer than 254 octets");
        }
        shortMessage = shortMessage.clone();
    }

    /** A copy of {@code short_message}. */
    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    /** Whether {@code esm_class} says the user data starts with a UDH. */
    public boolean hasUdh() {
        return (esmClass & ESM_UDHI) != 0;
    }

    /** Whether the message type bits of {@code esm_class} mark an SMSC delivery receipt. */
    public boolean isDeliveryReceipt() {
        return (esmClass & 0x3C) == ESM_DELIVERY_RECEIPT;
    }

    /** The user data: {@code message_payload} when present, else {@code short_message}. */
    public byte[] userData() {
        return tlvs.messagePayload().orElseGet(this::shortMessage);
    }

    byte[] shortMessageUnsafe() {
        return shortMessage;
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with empty strings, empty addresses and zero flags. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmFields f
                && serviceType.equals(f.serviceType)
                && source.equals(f.source)
                && destination.equals(f.destination)
                && esmClass == f.esmClass
                && protocolId == f.protocolId
                && priorityFlag == f.priorityFlag
                && scheduleDeliveryTime.equals(f.scheduleDeliveryTime)
                && validityPeriod.equals(f.validityPeriod)
                && registeredDelivery == f.registeredDelivery
                && replaceIfPresentFlag == f.replaceIfPresentFlag
                && dataCoding == f.dataCoding
                && smDefaultMsgId == f.smDefaultMsgId
                && Arrays.equals(shortMessage, f.shortMessage)
                && tlvs.equals(f.tlvs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * source.hashCode() + destination.hashCode()) + Arrays.hashCode(shortMessage);
    }

    @Override
    public String toString() {
        return "SmFields[serviceType=" + serviceType + ", source=" + source + ", destination="
                + destination + ", esmClass=" + esmClass + ", registeredDelivery=" + registeredDelivery
                + ", dataCoding=" + dataCoding + ", shortMessage="
                + HexFormat.of().formatHex(shortMessage)
                + ", tlvs=" + tlvs + "]";
    }

    /** Mutable builder for {@link SmFields}; not thread-safe. */
    public static final class Builder {
        private String serviceType = "";
        private Address source = Address.EMPTY;
        private Address destination = Address.EMPTY;
        private int esmClass;
        private int protocolId;
        private int priorityFlag;
        private String scheduleDeliveryTime = "";
        private String validityPeriod = "";
        private int registeredDelivery;
        private int replaceIfPresentFlag;
        private int dataCoding;
        private int smDefaultMsgId;
        private byte[] shortMessage = new byte[0];
        private Tlvs tlvs = Tlvs.NONE;

        private Builder() {}

        private Builder(SmFields f) {
            serviceType = f.serviceType;
            source = f.source;
            destination = f.destination;
            esmClass = f.esmClass;
            protocolId = f.protocolId;
            priorityFlag = f.priorityFlag;
            scheduleDeliveryTime = f.scheduleDeliveryTime;
            validityPeriod = f.validityPeriod;
            registeredDelivery = f.registeredDelivery;
            replaceIfPresentFlag = f.replaceIfPresentFlag;
            dataCoding = f.dataCoding;
            smDefaultMsgId = f.smDefaultMsgId;
            shortMessage = f.shortMessage;
            tlvs = f.tlvs;
        }

        public Builder serviceType(String v) {
            serviceType = v;
            return this;
        }

        public Builder source(Address v) {
            source = v;
            return this;
        }

        public Builder destination(Address v) {
            destination = v;
            return this;
        }

        public Builder esmClass(int v) {
            esmClass = v;
            return this;
        }

        public Builder protocolId(int v) {
            protocolId = v;
            return this;
        }

        public Builder priorityFlag(int v) {
            priorityFlag = v;
            return this;
        }

        public Builder scheduleDeliveryTime(String v) {
            scheduleDeliveryTime = v;
            return this;
        }

        public Builder validityPeriod(String v) {
            validityPeriod = v;
            return this;
        }

        public Builder registeredDelivery(int v) {
            registeredDelivery = v;
            return this;
        }

        public Builder replaceIfPresentFlag(int v) {
            replaceIfPresentFlag = v;
            return this;
        }

        public Builder dataCoding(int v) {
            dataCoding = v;
            return this;
        }

        public Builder smDefaultMsgId(int v) {
            smDefaultMsgId = v;
            return this;
        }

        public Builder shortMessage(byte[] v) {
            shortMessage = v;
            return this;
        }

        public Builder tlvs(Tlvs v) {
            tlvs = v;
            return this;
        }
        /** Appends one optional parameter. */
        public Builder tlv(Tlv v) {
            tlvs = tlvs.with(v);
            return this;
        }

        /** Validates and builds. */
        public SmFields build() {
            return new SmFields(
                    serviceType,
                    source,
                    destination,
                    esmClass,
                    protocolId,
                    priorityFlag,
                    scheduleDeliveryTime,
                    validityPeriod,
                    registeredDelivery,
                    replaceIfPresentFlag,
                    dataCoding,
                    smDefaultMsgId,
                    shortMessage,
                    tlvs);
        }
    }
}
