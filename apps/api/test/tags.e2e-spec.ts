import { TAG_COLORS } from '@app/database';
import type { CreateLinkTagDto } from '../src/tags/dto/create-link-tag.dto';
import type { UpdateLinkTagDto } from '../src/tags/dto/update-link-tag.dto';
import { describeNamedResource, insertLink, newWorkspace } from './support/named-resource-contract';

const PATH = '/api/v1/link_tags';

describeNamedResource(
  'Tags (/api/v1/link_tags)',
  {
    path: PATH,
    table: 'link_tags',
    scope: 'tags',
    idPrefix: 'tag',
    quotaLabel: 'Tags',
    noun: 'tag',
    maxNameLength: 50,
    quota: { free: 5, creator: 100 },
  },
  (app) => {
    const assign = (linkId: string, tagId: string) =>
      app().dataSource.query('INSERT INTO link_tag_assignments (link_id, tag_id) VALUES ($1, $2)', [linkId, tagId]);

    it('colors a tag gray by default and accepts only the palette', async () => {
      const owner = await newWorkspace(app(), ['tags']);
      const plain = await owner.request('post', PATH, { name: 'Plain' } satisfies CreateLinkTagDto);
      expect(plain.body).toEqual({
        id: plain.body.id,
        name: 'Plain',
        color: 'gray',
        linkCount: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const blue = await owner.request('post', PATH, { name: 'Blue', color: 'blue' } satisfies CreateLinkTagDto);
      expect(blue.body.color).toBe('blue');

      const palette = `color must be one of: ${TAG_COLORS.join(', ')}`;
      for (const color of ['magenta', 'Blue', '#ff0000', '', null, 3]) {
        const refused = await owner.request('post', PATH, { name: 'Odd', color });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({
          code: 'validation_failed',
          errors: [{ field: 'color', message: palette }],
        });
        const refusedChange = await owner.request('patch', `${PATH}/${blue.body.id}`, { color });
        expect(refusedChange.status).toBe(400);
        expect(refusedChange.body.errors).toEqual([{ field: 'color', message: palette }]);
      }

      const recolored = await owner.request('patch', `${PATH}/${blue.body.id}`, {
        color: 'teal',
      } satisfies UpdateLinkTagDto);
      expect(recolored.body).toMatchObject({ name: 'Blue', color: 'teal' });
      const [row] = await app().dataSource.query('SELECT color FROM link_tags WHERE id = $1', [blue.body.id]);
      expect(row.color).toBe('teal');
    });

    it('counts the links carrying each tag', async () => {
      const owner = await newWorkspace(app(), ['tags']);
      const popular = await owner.request('post', PATH, { name: 'Popular' });
      const lonely = await owner.request('post', PATH, { name: 'Lonely' });
      const first = await insertLink(app(), owner.workspaceId);
      const second = await insertLink(app(), owner.workspaceId);
      await assign(first, popular.body.id);
      await assign(second, popular.body.id);

      const listed = await owner.request('get', PATH);
      expect(listed.body.data.map((tag: { name: string; linkCount: number }) => [tag.name, tag.linkCount])).toEqual([
        ['Popular', 2],
        ['Lonely', 0],
      ]);
      expect((await owner.request('patch', `${PATH}/${popular.body.id}`, { color: 'red' })).body.linkCount).toBe(2);
      expect((await owner.request('patch', `${PATH}/${lonely.body.id}`, { color: 'red' })).body.linkCount).toBe(0);
    });

    it('deletes a tag by removing it from its links; the links and their other tags stay', async () => {
      const owner = await newWorkspace(app(), ['tags']);
      const doomed = await owner.request('post', PATH, { name: 'Doomed' });
      const kept = await owner.request('post', PATH, { name: 'Kept' });
      const links = [await insertLink(app(), owner.workspaceId), await insertLink(app(), owner.workspaceId)];
      for (const linkId of links) await assign(linkId, doomed.body.id);
      await assign(links[0], kept.body.id);

      expect((await owner.request('delete', `${PATH}/${doomed.body.id}`)).status).toBe(204);

      const assignments = await app().dataSource.query(
        'SELECT link_id, tag_id FROM link_tag_assignments WHERE link_id = ANY($1)',
        [links],
      );
      expect(assignments).toEqual([{ link_id: links[0], tag_id: kept.body.id }]);
      const [{ count }] = await app().dataSource.query('SELECT count(*)::int AS count FROM links WHERE id = ANY($1)', [
        links,
      ]);
      expect(count).toBe(2);
      expect(
        (await owner.request('get', PATH)).body.data.map((tag: { id: string; linkCount: number }) => [
          tag.id,
          tag.linkCount,
        ]),
      ).toEqual([[kept.body.id, 1]]);
    });
  },
);
