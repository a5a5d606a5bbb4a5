/**
 * What link-preview crawlers show for a link (Open Graph and Twitter card tags), as stored in `links.og` (jsonb).
 * In a file of its own: the OpenAPI metadata generator cannot refer to an interface declared in an entity's file.
 */
export interface LinkSocialPreview {
  title: string | null;
  description: string | null;
  image: string | null;
}
