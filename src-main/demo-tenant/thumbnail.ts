/** A 2×2 PNG served as every dashboard's thumbnail (GET /api/v1/apps/{id}/media/thumbnail). */
export const thumbnailPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkaGBgYGBgYmBgYGBgAAAJ5AEBqPZ6tAAAAABJRU5ErkJggg==',
  'base64',
);
