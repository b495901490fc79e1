/**
 * Test helper: writes a tiny BERT-shaped model folder in transformers.js layout, fully offline.
 * The "model" is an embedding lookup (word + token type), tanh, masked: enough to prove the loading
 * path (tokenizer.json WordPiece, config.json, onnx/model.onnx -> last_hidden_state).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DT, encodeModel, int64Tensor, node, tensor, valueInfo } from '../../../engine/embed/onnx-build.js';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

export function tinyVocab(): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
  const words = ['john', 'smith', 'street', 'road', 'acme', 'ltd', 'mary', 'brown'];
  return [...SPECIALS, ...letters, ...letters.map((c) => `##${c}`), ...words, '.', ',', '@', '-'];
}

export async function writeTinyBert(dir: string, hidden = 8): Promise<{ vocab: string[]; hidden: number }> {
  const vocab = tinyVocab();
  const V = vocab.length;
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const vocabMap = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (content: string) => ({
    id: vocabMap[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocabMap['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocabMap['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: vocabMap },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 128,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: hidden,
    vocab_size: V,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    intermediate_size: hidden,
    max_position_embeddings: 128,
    type_vocab_size: 2,
  };
  // deterministic pseudo-random embeddings
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s / 4294967296) * 2 - 1;
  };
  const wordEmb = Float32Array.from({ length: V * hidden }, rnd);
  const typeEmb = Float32Array.from({ length: 2 * hidden }, () => rnd() * 0.1);
  const bytes = encodeModel({
    graphName: 'tiny_bert',
    inputs: [
      valueInfo('input_ids', DT.INT64, ['batch', 'seq']),
      valueInfo('attention_mask', DT.INT64, ['batch', 'seq']),
      valueInfo('token_type_ids', DT.INT64, ['batch', 'seq']),
    ],
    outputs: [valueInfo('last_hidden_state', DT.FLOAT, ['batch', 'seq', hidden])],
    initializers: [
      tensor('word_emb', DT.FLOAT, [V, hidden], wordEmb),
      tensor('type_emb', DT.FLOAT, [2, hidden], typeEmb),
      int64Tensor('axis2', [1], [2]),
    ],
    nodes: [
      node('Gather', ['word_emb', 'input_ids'], ['w'], { axis: 0 }),
      node('Gather', ['type_emb', 'token_type_ids'], ['t'], { axis: 0 }),
      node('Add', ['w', 't'], ['wt']),
      node('Tanh', ['wt'], ['h']),
      node('Cast', ['attention_mask'], ['maskf'], { to: DT.FLOAT }),
      node('Unsqueeze', ['maskf', 'axis2'], ['mask3']),
      node('Mul', ['h', 'mask3'], ['last_hidden_state']),
    ],
  });
  await writeFile(join(dir, 'onnx', 'model.onnx'), bytes);
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2));
  return { vocab, hidden };
}
