/** Texts of the search area of the viewer, in both languages (see ../part.ts). */
import { messagePart } from '../part.ts';

export const searchMessages = messagePart(
  {
    'search.label': '搜索',
    'search.placeholder': '搜索名称、地址或编号（按 / 键）',
    'search.loading': '数据加载中，稍后可搜索…',
    'search.clear': '清除搜索',
    'search.results': '找到 {count} 条结果',
    'search.no_results': '没有找到“{query}”',
    'search.matched': '{field}：{value}',
  },
  {
    'search.label': 'Search',
    'search.placeholder': 'Search name, address or id (press /)',
    'search.loading': 'Loading data; search opens soon…',
    'search.clear': 'Clear search',
    'search.results': '{count} result found|{count} results found',
    'search.no_results': 'Nothing found for “{query}”',
    'search.matched': '{field}: {value}',
  },
);
