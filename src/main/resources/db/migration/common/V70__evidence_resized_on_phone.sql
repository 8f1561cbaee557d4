-- Evidence photos made smaller on the phone before upload (evidence.js): the size of the original photo.
-- NULL: the file was stored as the client sent it from the camera or disk. The SHA-256 and size_bytes
-- always describe the stored bytes.
ALTER TABLE evidence ADD COLUMN original_size_bytes BIGINT;
