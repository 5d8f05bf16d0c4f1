/** The Telnyx carrier adapter: messaging API v2 and its Ed25519-signed webhooks. */
package io.gomsggw.carriers.telnyx;
