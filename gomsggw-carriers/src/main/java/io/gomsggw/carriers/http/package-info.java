/** HTTP helpers shared by the REST carrier adapters (Telnyx, Twilio); not a plug-in API. */
package io.gomsggw.carriers.http;
