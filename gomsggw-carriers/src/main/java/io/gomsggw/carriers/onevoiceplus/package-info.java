/**
 * The OneVoice Plus carrier adapter (TELUS OneVoice DID Messaging): JSON sends with the developer
 * key, media uploaded before an MMS, and unsigned JSON webhooks, as the Go gateway's
 * carrier_onevoiceplus.go speaks them.
 */
package io.gomsggw.carriers.onevoiceplus;
