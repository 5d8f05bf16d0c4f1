-- The most an MMS sent to a legacy client over MM4 may weigh, all media together; NULL: MMS_MAX_SIZE.
ALTER TABLE clients ADD COLUMN mms_max_bytes BIGINT;
