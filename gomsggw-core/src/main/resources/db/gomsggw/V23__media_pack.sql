-- On the embedded database the bytes of message media are appended to pack files in the data
-- directory (<data>/media/media-NNNNNN.pack) instead of this table: a row then has content NULL
-- and says where its bytes are (file number, offset, length) and their CRC-32C. PostgreSQL, which
-- several nodes share, keeps the bytes in content. Rows written before keep theirs.
ALTER TABLE message_media ALTER COLUMN content DROP NOT NULL;
ALTER TABLE message_media ADD COLUMN pack_file INTEGER;
ALTER TABLE message_media ADD COLUMN pack_offset BIGINT;
ALTER TABLE message_media ADD COLUMN pack_length INTEGER;
ALTER TABLE message_media ADD COLUMN pack_crc INTEGER;
