/** The Twilio carrier adapter: Programmable Messaging and its HMAC-SHA1-signed webhooks. */
package io.gomsggw.carriers.twilio;
