import { formatTable, formatTokenCount } from './format-table.js';
import { asArray, asBoolean, asNumber, asRecord, asString, type Fields } from './read-fields.js';
import { modelRef } from './format-session-list.js';

/**
 * The human view of `models.list` (`{models:[{id, name, provider, alias?, contextWindow?,
 * reasoning?}]}`): the `provider/model` ref to pass to `--model` or `/model`, its context window,
 * whether it reasons, its alias and display name.
 */
export function formatModelList(payload: unknown): string[] {
  const models = asArray(asRecord(payload)?.models)
    .map(asRecord)
    .filter((model): model is Fields => model !== undefined && asString(model.id) !== undefined);
  if (models.length === 0) return ['No models configured. Set agents.defaults.model.primary (e.g. anthropic/claude-sonnet-4-5) in the config.'];
  const rows = models.map((model) => {
    const id = asString(model.id) ?? '';
    const name = asString(model.name);
    const context = asNumber(model.contextWindow);
    const reasoning = asBoolean(model.reasoning);
    return [
      modelRef(asString(model.provider), id) ?? id,
      context === undefined ? '-' : formatTokenCount(context),
      reasoning === undefined ? '-' : reasoning ? 'yes' : 'no',
      asString(model.alias) ?? '',
      name !== undefined && name !== id ? name : '',
    ];
  });
  return [`Models: ${models.length}`, '', ...formatTable(['MODEL', 'CONTEXT', 'REASONING', 'ALIAS', 'NAME'], rows)];
}
