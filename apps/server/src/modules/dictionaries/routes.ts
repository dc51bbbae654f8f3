import {
  dictionaryCodeParams,
  dictionaryItemBody,
  dictionaryItemParams,
  dictionaryItemPatch,
  dictionaryItemView,
  dictionaryView,
  pageOf,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { can } from './policy.js';
import { presentDictionary, presentDictionaryItem } from './presenter.js';
import type { DictionaryService } from './service.js';

const tags = ['dictionaries'];
const itemsQuery = z.object({ includeInactive: z.enum(['true', 'false']).default('false') });

export function dictionaryRoutes(app: FastifyInstance, deps: { dictionaries: DictionaryService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { dictionaries } = deps;

  r.get(
    '/api/v1/dictionaries',
    { schema: { tags, response: { 200: pageOf(dictionaryView) } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'dictionary.read', { type: 'dictionary' });
      const items = (await dictionaries.list()).map(presentDictionary);
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  );

  r.get(
    '/api/v1/dictionaries/:code/items',
    {
      schema: {
        tags,
        params: dictionaryCodeParams,
        querystring: itemsQuery,
        response: { 200: pageOf(dictionaryItemView) },
      },
    },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'dictionary.read', {
        type: 'dictionary',
        id: req.params.code,
      });
      await dictionaries.load(req.params.code);
      const items = (await dictionaries.items(req.params.code, req.query.includeInactive === 'true')).map(
        presentDictionaryItem,
      );
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  );

  r.post(
    '/api/v1/dictionaries/:code/items',
    {
      schema: {
        tags,
        params: dictionaryCodeParams,
        body: dictionaryItemBody,
        response: { 201: dictionaryItemView },
      },
    },
    async (req, reply) => {
      const dictionary = await dictionaries.load(req.params.code);
      authorize(can(requireActor(req.ctx.actor), 'edit', dictionary), 'dictionary.item.create', {
        type: 'dictionary',
        id: dictionary.code,
      });
      reply.status(201);
      return presentDictionaryItem(await dictionaries.addItem(req.ctx, dictionary, req.body));
    },
  );

  r.patch(
    '/api/v1/dictionaries/:code/items/:itemCode',
    {
      schema: {
        tags,
        params: dictionaryItemParams,
        body: dictionaryItemPatch,
        response: { 200: dictionaryItemView },
      },
    },
    async (req) => {
      const dictionary = await dictionaries.load(req.params.code);
      authorize(can(requireActor(req.ctx.actor), 'edit', dictionary), 'dictionary.item.update', {
        type: 'dictionary',
        id: dictionary.code,
      });
      return presentDictionaryItem(
        await dictionaries.updateItem(req.ctx, dictionary, req.params.itemCode, req.body),
      );
    },
  );
}
