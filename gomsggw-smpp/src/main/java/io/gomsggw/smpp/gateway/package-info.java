/**
 * The bridge from SMPP to the gateway core: bind authentication against the directory, the
 * registry of bound sessions, {@code submit_sm}/{@code data_sm} into the pipeline (after long
 * messages are reassembled), {@code deliver_sm} egress and delivery receipts.
 */
package io.gomsggw.smpp.gateway;
