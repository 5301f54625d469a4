/** Texts of explore mode's frame: side-panel tabs, legend opacity, selection and view notes. */
import { messagePart } from '../part.ts';

export const exploreMessages = messagePart(
  {
    'explore.tabs': '侧栏',
    'explore.tab.layers': '图层',
    'explore.tab.filter': '筛选',
    'explore.tab.summary': '统计',
    'explore.tab.analysis': '分析',
    'explore.tab.data': '数据',
    'legend.opacity': '{layer}不透明度',
    'explore.mask_personal': '隐藏姓名和电话',
    'explore.not_found': '链接中的场所 {id} 不在当前数据中',
  },
  {
    'explore.tabs': 'Side panel',
    'explore.tab.layers': 'Layers',
    'explore.tab.filter': 'Filter',
    'explore.tab.summary': 'Summary',
    'explore.tab.analysis': 'Analysis',
    'explore.tab.data': 'Data',
    'legend.opacity': '{layer} opacity',
    'explore.mask_personal': 'Hide names and phone numbers',
    'explore.not_found': 'Premise {id} from the link is not in the data',
  },
);
