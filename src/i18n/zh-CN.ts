/**
 * Simplified Chinese, the default language. This table defines the message keys: `en.ts` must have
 * exactly the same keys (the compiler and i18n.test.ts both check). Placeholders are `{name}`.
 * Enum values and kinds are not here: their labels come from the data contract (src/sources/contract).
 */
import { layerMessages } from './parts/layers.ts';
import { cardMessages } from './parts/card.ts';
import { searchMessages } from './parts/search.ts';
import { panelsMessages } from './parts/panels.ts';
import { liveMessages } from './parts/live.ts';
import { tooltipMessages } from './parts/tooltip.ts';
import { analysisMessages } from './parts/analysis.ts';
import { exploreMessages } from './parts/explore.ts';

export const zhCN = {
  'app.title': '消防安全一张图',
  'app.subtitle': '街道消防安全数据',
  'app.loading': '正在加载…',
  'app.error.title': '页面出错了',
  'app.error.hint': '请刷新页面重试；如问题持续，请把下面的信息告诉管理员。',
  'app.error.reload': '刷新页面',
  'lang.label': '语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'map.loading': '地图加载中…',
  'map.error': '地图无法显示：{message}',
  'map.webgl': '此浏览器无法创建 WebGL 画布，地图无法显示。',
  'map.zoom_in': '放大',
  'map.zoom_out': '缩小',
  'map.reset_bearing': '恢复正北',
  'map.attribution': '数据来源',

  'theme.label': '地图样式',
  'theme.light': '浅色',
  'theme.dark': '深色大屏',
  'theme.field': '户外',

  'basemap.missing': '底图文件缺失：请运行 npm run tiles -- demo（或给出 OSM 提取文件）生成 {path}。其他图层照常显示。',
  'basemap.unreadable': '底图文件无法读取：{path}（{detail}）。其他图层照常显示。',
  'basemap.refused': '已忽略 ?basemap={given}：底图只能是本站的文件（如 tiles/andorra.pmtiles），现显示默认底图。',

  'legend.title': '图例',
  'legend.show': '显示{layer}',
  'legend.hide': '隐藏{layer}',
  'legend.hydrants.title': '市政消火栓（按状态）',

  'premises.group.people_at_risk': '学校、医院、养老等',
  'premises.group.hazmat': '危化品与储能',
  'premises.group.mixed_use': '三合一、小作坊、自建房',
  'premises.group.industrial': '厂房、仓库、工地',
  'premises.group.crowded': '人员密集场所',
  'premises.group.residential': '住宅与出租房',
  'premises.group.other': '其他',

  'status.title': '数据状态',
  'status.manifest': '数据清单',
  'status.loading': '加载中',
  'status.refreshing': '更新中',
  'status.loaded': '已加载 {kept} 条',
  'status.dropped': '丢弃 {dropped} 条',
  'status.errors': '{count} 个错误',
  'status.warnings': '{count} 个警告',
  'status.ok': '无问题',
  'status.failed': '加载失败',
  'status.updated': '更新于 {time}',
  'status.details': '问题明细',
  'status.more': '另有 {count} 条未列出',
  'status.severity.error': '错误',
  'status.severity.warning': '警告',
  'status.feature': '要素 #{index}',
  'status.sep': '：',
  'field.geometry': '几何图形',
  'status.no_sources': '数据清单中没有数据源。',

  'error.worker': '后台处理出错：{message}',
  'error.unknown': '出错了：{message}',

  // Load-report entries, one per code of src/sources/codes.ts (i18n.test.ts checks).
  'report.file.empty': '文件为空',
  'report.file.too_large': '文件超过 {limitMiB} MiB 上限，未读取',
  'report.file.missing': '找不到文件 {path}',
  'report.file.unreadable': '无法读取文件：{detail}',
  'report.file.encoding': '文件不是 UTF-8 编码，已按 {encoding} 读取',
  'report.json.invalid': '不是有效的 JSON：{detail}',
  'report.collection.not_feature_collection': '不是 GeoJSON 要素集合（实际为 {found}）',
  'report.collection.crs_mismatch': '文件声明的坐标系 {declared} 与数据清单不一致，已按 {used} 处理',
  'report.feature.invalid': '不是 GeoJSON 要素，已丢弃',
  'report.feature.properties': '属性不是对象，已丢弃',
  'report.geometry.missing': '缺少几何图形，已丢弃',
  'report.geometry.type': '不允许的几何类型 {found}（允许：{allowed}），已丢弃',
  'report.geometry.coordinates': '坐标无效（{detail}），已丢弃',
  'report.geometry.coerced': '{count} 个坐标写成了文本，已按数字读取',
  'report.geometry.swapped': '经纬度颠倒（{swapped}/{total}），已纠正',
  'report.geometry.empty': '几何图形没有坐标，已丢弃',
  'report.geometry.line_degenerate': '线上不同的点少于两个，已丢弃',
  'report.geometry.ring_unclosed': '面的第 {ring} 个环未闭合，已自动闭合',
  'report.geometry.ring_degenerate': '面的第 {ring} 个环点数不足或面积为零，已丢弃',
  'report.id.duplicate': '编号 {id} 已被要素 #{firstIndex} 使用，本条已丢弃',
  'report.field.required': '缺少必填字段',
  'report.field.type': '取值“{value}”类型不符（应为 {expected}）',
  'report.field.coerced': '取值已转换（{from} → {to}）',
  'report.enum.unknown': '无法识别的{enum}取值“{value}”',
  'report.date.invalid': '无法识别的日期“{value}”',
  'report.date.order': '{later}（{laterValue}）早于{earlier}（{earlierValue}），已删除{later}',
  'report.number.range': '数值 {value} 超出范围 {min}–{max}',
  'report.number.integer': '{value} 应为整数',
  'report.item.invalid': '嵌套条目不是对象，已丢弃',
  'report.report.more': '另有 {count} 条同类警告（{code}）未列出',
  'report.manifest.invalid': '数据清单不是 JSON 对象',
  'report.manifest.version': '数据清单版本号缺失或不受支持（{found}）',
  'report.manifest.sources': '数据清单缺少 sources 数组',
  'report.manifest.source': '数据源条目不是对象',
  'report.manifest.id': '数据源缺少有效的 id',
  'report.manifest.id_duplicate': '数据源 id {id} 重复',
  'report.manifest.kind': '未知的数据类型 {found}',
  'report.manifest.path': '数据源缺少 path',
  'report.manifest.crs': '未知的坐标系 {found}',
  'report.manifest.crs_default': '未注明坐标系，按 WGS-84 处理',
  'report.manifest.refresh_s': 'refresh_s 应为不小于 0 的数字，已忽略',
  'report.manifest.max_mb': 'max_mb 应为正数，已用默认值',
  'report.manifest.mapping': 'mapping 配置有误，已忽略（{detail}）',
  'report.manifest.mapping_target': 'mapping 指向不存在的字段 {target}，已忽略',
  'report.manifest.bbox': 'bbox 应为 [西, 南, 东, 北] 度数，已忽略',
  'report.manifest.as_of': 'as_of 应为 ISO 日期时间，已忽略（按当前时间判断）',
  'report.manifest.field': 'name/title 应为文本，已忽略',
  'report.rules.invalid': '规则文件应为与规则表结构相同的 JSON 对象（实际为 {found}），已使用默认规则',
  'report.rules.unknown': '规则表中没有此项，已忽略（此处可用：{known}）',
  'report.rules.bare_value': '规则应写成对象 {"value": {value}}，已忽略',
  'report.sources.none': '没有数据清单，也没有以数据类型命名的文件',
  'report.sources.ignored_file': '文件名不是数据类型，未读取',
  ...layerMessages.zh,
  ...cardMessages.zh,
  ...searchMessages.zh,
  ...panelsMessages.zh,
  ...liveMessages.zh,
  ...tooltipMessages.zh,
  ...analysisMessages.zh,
  ...exploreMessages.zh,
} as const satisfies Record<string, string>;

/** Every message key of the app. */
export type MessageKey = keyof typeof zhCN;
