/** A 2×2 PNG served as every dashboard's thumbnail (GET /api/v1/apps/{id}/media/thumbnail). */
export const thumbnailPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgqDquN+82w6ftrDY2NgAnQAVLVLH8BgAAAABJRU5ErkJggg==',
  'base64',
);
