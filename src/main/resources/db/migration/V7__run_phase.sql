-- What a running run is doing, in words (loading customers, trying k = 4 of 2 to 10, storing the segments).
ALTER TABLE segmentation ADD COLUMN phase text;
