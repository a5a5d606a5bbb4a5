import type { CreateUtmTemplateDto } from '../src/utm-templates/dto/create-utm-template.dto';
import type { UpdateUtmTemplateDto } from '../src/utm-templates/dto/update-utm-template.dto';
import { describeNamedResource, newWorkspace } from './support/named-resource-contract';

const PATH = '/api/v1/utm_templates';

describeNamedResource(
  'UTM templates (/api/v1/utm_templates)',
  {
    path: PATH,
    table: 'utm_templates',
    scope: 'utm_templates',
    idPrefix: 'utm',
    quotaLabel: 'UTM templates',
    noun: 'UTM template',
    maxNameLength: 100,
    quota: { free: 3, creator: 50 },
  },
  (app) => {
    it('keeps the utm_* field names in requests and responses, and stores every parameter', async () => {
      const owner = await newWorkspace(app(), ['utm_templates']);
      const body = {
        name: 'Newsletter',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring_sale',
        utm_term: 'shoes',
        utm_content: 'header link',
        ref: 'partner-42',
      } satisfies CreateUtmTemplateDto;
      const created = await owner.request('post', PATH, body);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: created.body.id,
        ...body,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await owner.request('get', PATH)).body.data).toEqual([created.body]);

      const [row] = await app().dataSource.query(
        'SELECT utm_source, utm_medium, utm_campaign, utm_term, utm_content, ref FROM utm_templates WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring_sale',
        utm_term: 'shoes',
        utm_content: 'header link',
        ref: 'partner-42',
      });

      const bare = await owner.request('post', PATH, { name: 'Bare' });
      expect(bare.body).toMatchObject({
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
        ref: null,
      });
    });

    it('changes only the fields sent; null or blank clears a parameter', async () => {
      const owner = await newWorkspace(app(), ['utm_templates']);
      const created = await owner.request('post', PATH, {
        name: 'Ads',
        utm_source: 'google',
        utm_medium: 'cpc',
      } satisfies CreateUtmTemplateDto);
      const changed = await owner.request('patch', `${PATH}/${created.body.id}`, {
        utm_medium: null,
        utm_campaign: '  winter  ',
        ref: ' ',
      } satisfies UpdateUtmTemplateDto);
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        name: 'Ads',
        utm_source: 'google',
        utm_medium: null,
        utm_campaign: 'winter',
        ref: null,
      });
    });

    it('limits each parameter to 255 characters and refuses camelCase names', async () => {
      const owner = await newWorkspace(app(), ['utm_templates']);
      const tooLong = await owner.request('post', PATH, {
        name: 'Long',
        utm_source: 'x'.repeat(256),
        ref: 'y'.repeat(256),
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors).toEqual([
        { field: 'utm_source', message: 'utm_source must be shorter than or equal to 255 characters' },
        { field: 'ref', message: 'ref must be shorter than or equal to 255 characters' },
      ]);
      expect((await owner.request('post', PATH, { name: 'Exact', utm_source: 'x'.repeat(255) })).status).toBe(201);

      const camel = await owner.request('post', PATH, { name: 'Camel', utmSource: 'google' });
      expect(camel.status).toBe(400);
      expect(camel.body.errors).toEqual([{ field: 'utmSource', message: 'utmSource is not an accepted field' }]);
      const notText = await owner.request('post', PATH, { name: 'Number', utm_term: 5 });
      expect(notText.status).toBe(400);
      expect(notText.body.errors).toContainEqual({ field: 'utm_term', message: 'utm_term must be a string' });
    });
  },
);
