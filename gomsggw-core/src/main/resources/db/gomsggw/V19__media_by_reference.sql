-- Media published for a carrier's link may refer to the part of a stored message instead of holding
-- a copy of its bytes (an MMS photo was written three times: message log, message_media, media).
-- Such a row has content NULL and names the message and the part's ordinal in message_media;
-- rows with content keep working as before. Messages are never deleted, so a reference does not dangle.
ALTER TABLE media ADD COLUMN message_id VARCHAR(36);
ALTER TABLE media ADD COLUMN ordinal INTEGER;
ALTER TABLE media ALTER COLUMN content DROP NOT NULL;
