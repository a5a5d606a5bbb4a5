import type { CreateLinkFolderDto } from '../src/folders/dto/create-link-folder.dto';
import type { UpdateLinkFolderDto } from '../src/folders/dto/update-link-folder.dto';
import { describeNamedResource, insertLink, newWorkspace } from './support/named-resource-contract';

const PATH = '/api/v1/link_folders';

describeNamedResource(
  'Folders (/api/v1/link_folders)',
  {
    path: PATH,
    table: 'link_folders',
    scope: 'folders',
    idPrefix: 'fld',
    quotaLabel: 'Folders',
    noun: 'folder',
    maxNameLength: 100,
    quota: { free: 3, creator: 100 },
  },
  (app) => {
    it('stores the description, clears it with null or blank, and limits it to 500 characters', async () => {
      const owner = await newWorkspace(app(), ['folders']);
      const created = await owner.request('post', PATH, {
        name: 'Campaigns',
        description: '  Spring launches  ',
      } satisfies CreateLinkFolderDto);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: created.body.id,
        name: 'Campaigns',
        description: 'Spring launches',
        linkCount: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await owner.request('post', PATH, { name: 'No description' })).body.description).toBeNull();

      const renamed = await owner.request('patch', `${PATH}/${created.body.id}`, {
        name: 'Launches',
      } satisfies UpdateLinkFolderDto);
      expect(renamed.body).toMatchObject({ name: 'Launches', description: 'Spring launches' });
      const cleared = await owner.request('patch', `${PATH}/${created.body.id}`, {
        description: null,
      } satisfies UpdateLinkFolderDto);
      expect(cleared.body).toMatchObject({ name: 'Launches', description: null });
      const described = await owner.request('patch', `${PATH}/${created.body.id}`, { description: 'again' });
      expect(described.body.description).toBe('again');
      expect(
        (await owner.request('patch', `${PATH}/${created.body.id}`, { description: '   ' })).body.description,
      ).toBeNull();

      const tooLong = await owner.request('patch', `${PATH}/${created.body.id}`, { description: 'x'.repeat(501) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors).toEqual([
        { field: 'description', message: 'description must be shorter than or equal to 500 characters' },
      ]);
      expect((await owner.request('post', PATH, { name: 'Long', description: 'x'.repeat(501) })).status).toBe(400);
      expect(
        (await owner.request('patch', `${PATH}/${created.body.id}`, { description: 'x'.repeat(500) })).status,
      ).toBe(200);
    });

    it('counts the links in each folder', async () => {
      const owner = await newWorkspace(app(), ['folders']);
      const full = await owner.request('post', PATH, { name: 'Full' });
      const empty = await owner.request('post', PATH, { name: 'Empty' });
      await insertLink(app(), owner.workspaceId, full.body.id);
      await insertLink(app(), owner.workspaceId, full.body.id);
      await insertLink(app(), owner.workspaceId, null);

      const listed = await owner.request('get', PATH);
      expect(
        listed.body.data.map((folder: { name: string; linkCount: number }) => [folder.name, folder.linkCount]),
      ).toEqual([
        ['Full', 2],
        ['Empty', 0],
      ]);
      expect((await owner.request('patch', `${PATH}/${full.body.id}`, { name: 'Still full' })).body.linkCount).toBe(2);
      expect((await owner.request('patch', `${PATH}/${empty.body.id}`, { name: 'Still empty' })).body.linkCount).toBe(
        0,
      );
    });

    it('deletes a folder but keeps its links, which move out of it', async () => {
      const owner = await newWorkspace(app(), ['folders']);
      const doomed = await owner.request('post', PATH, { name: 'Doomed' });
      const kept = await owner.request('post', PATH, { name: 'Kept' });
      const inDoomed = [
        await insertLink(app(), owner.workspaceId, doomed.body.id),
        await insertLink(app(), owner.workspaceId, doomed.body.id),
      ];
      const inKept = await insertLink(app(), owner.workspaceId, kept.body.id);

      expect((await owner.request('delete', `${PATH}/${doomed.body.id}`)).status).toBe(204);

      const links: { id: string; folder_id: string | null }[] = await app().dataSource.query(
        'SELECT id, folder_id FROM links WHERE workspace_id = $1 ORDER BY id',
        [owner.workspaceId],
      );
      expect(links).toEqual(
        [...inDoomed.map((id) => ({ id, folder_id: null })), { id: inKept, folder_id: kept.body.id }].sort(
          (left, right) => left.id.localeCompare(right.id),
        ),
      );
      expect(
        (await owner.request('get', PATH)).body.data.map((folder: { id: string; linkCount: number }) => [
          folder.id,
          folder.linkCount,
        ]),
      ).toEqual([[kept.body.id, 1]]);
    });
  },
);
