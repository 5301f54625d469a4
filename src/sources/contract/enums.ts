/**
 * Enumerations of the data contract. Each value has a stable ASCII identifier (what the app stores),
 * a Chinese and an English label, and aliases: the labels real exporters write instead of the
 * identifier. Matching is case-insensitive and ignores surrounding white space.
 *
 * `fallback` names the value that an unknown label maps to (with a warning); an enum without one
 * drops the field (or, when the field is required, the feature).
 */
export interface EnumValue {
  readonly value: string;
  readonly zh: string;
  readonly en: string;
  readonly aliases?: readonly string[];
}

export interface EnumDef {
  readonly zh: string;
  readonly en: string;
  readonly values: readonly EnumValue[];
  readonly fallback?: string;
}

// Generic so that each value keeps its literal type: EnumOf<'severity'> is 'general' | 'larger' | 'major', not string.
const v = <V extends string>(value: V, zh: string, en: string, ...aliases: string[]): EnumValue & { readonly value: V } => ({ value, zh, en, aliases });

export const ENUMS = {
  premise_category: {
    zh: '场所类别', en: 'premise category', fallback: 'other',
    values: [
      v('factory', '厂房', 'factory', '工厂', '生产企业', '工业企业'),
      v('warehouse', '仓库', 'warehouse', '仓储', '物流仓库'),
      v('household_workshop', '家庭作坊', 'household workshop', '家庭生产加工作坊'),
      v('small_workshop', '小作坊', 'small workshop', '小加工厂', '小加工作坊', '小作坊小加工厂'),
      v('rented_factory', '出租分租厂房', 'rented/sublet factory', '出租分租工业厂房仓库', '出租分租场所', '出租厂房'),
      v('three_in_one', '三合一场所', 'three-in-one premises', '三合一', '“三合一”场所', '"三合一"场所'),
      v('multi_in_one', '多合一场所', 'multi-in-one premises', '多合一'),
      v('sssp_enterprise', '小散乱污企业', 'small-scattered-disorderly-polluting enterprise', '小、散、乱、污企业', '“小散乱污”企业'),
      v('selfbuilt_workshop', '自建房加工场所', 'workshop in a self-built house'),
      v('selfbuilt_commercial', '经营性自建房', 'commercial self-built house', '生产经营租住自建房'),
      v('nested_factory', '厂中厂', 'factory-within-factory', '园中园', '厂中厂园中园'),
      v('mixed_use_premises', '多业态混合生产经营场所', 'mixed-use multi-tenant premises', '混合生产经营场所'),
      v('crowded_place', '人员密集场所', 'crowded place', '公众聚集场所'),
      v('high_rise', '高层建筑', 'high-rise building', '高层'),
      v('commercial_complex', '大型商业综合体', 'commercial complex', '商业综合体'),
      v('school', '学校', 'school', '中小学'),
      v('kindergarten', '幼儿园', 'kindergarten', '托幼机构'),
      v('hospital', '医院', 'hospital', '医疗机构', '卫生院'),
      v('elderly_care', '养老机构', 'elderly care', '养老院', '敬老院', '福利院'),
      v('market', '市场', 'market', '农贸市场', '集贸市场', '专业市场'),
      v('hotel', '宾馆', 'hotel', '酒店', '旅馆', '民宿'),
      v('restaurant', '餐饮场所', 'restaurant', '餐饮', '饭店'),
      v('shop', '商店', 'shop', '小商店', '超市', '商铺'),
      v('entertainment', '娱乐场所', 'entertainment venue', '歌舞娱乐场所', 'KTV', '网吧'),
      v('energy_storage', '储能电站', 'energy storage station', '电化学储能电站'),
      v('ebike_charging', '电动自行车充电场所', 'e-bike charging point', '电动车充电桩', '充电点'),
      v('residential', '住宅', 'residential', '居民住宅', '住宅小区'),
      v('rental_housing', '出租房屋', 'rental housing', '出租屋'),
      v('group_rental', '群租房', 'group rental'),
      v('underground_space', '地下空间', 'underground space', '人员密集地下空间'),
      v('chemical_enterprise', '化工企业', 'chemical enterprise', '危险化学品企业', '精细化工企业'),
      v('construction_site', '施工工地', 'construction site', '建筑工地'),
      v('office', '办公场所', 'office', '办公楼'),
      v('other', '其他', 'other'),
    ],
  },
  fire_hazard_class: {
    zh: '火灾危险性', en: 'fire hazard class',
    values: [
      v('A', '甲类', 'class A', '甲'), v('B', '乙类', 'class B', '乙'), v('C', '丙类', 'class C', '丙'),
      v('D', '丁类', 'class D', '丁'), v('E', '戊类', 'class E', '戊'),
    ],
  },
  severity: {
    zh: '隐患等级', en: 'hazard severity',
    values: [
      v('general', '一般隐患', 'general', '一般'),
      v('larger', '较大隐患', 'larger', '较大'),
      v('major', '重大隐患', 'major', '重大', '重大火灾隐患'),
    ],
  },
  hazard_status: {
    zh: '整改状态', en: 'rectification status',
    values: [
      v('open', '待整改', 'open', '未整改', '新发现', '已发现', '排查发现', '挂牌'),
      v('rectifying', '整改中', 'rectifying', '正在整改', '限期整改', '待验收', '待复查'),
      v('closed', '已销号', 'closed', '已整改', '验收销号', '已销案', '已完成', '清零'),
    ],
  },
  hazard_type: {
    zh: '隐患类型', en: 'hazard type', fallback: 'other',
    values: [
      v('ignition_source', '火源管理', 'ignition source', '违规用火', '违规动火', '电气焊'),
      v('electrical', '电源管理', 'electrical', '违规用电', '电气线路', '电气火灾隐患'),
      v('combustible_materials', '易燃可燃材料', 'combustible materials', '易燃可燃装修', '彩钢板', '易燃可燃外墙保温'),
      v('evacuation', '安全疏散', 'evacuation', '疏散通道', '锁闭安全出口', '占堵疏散通道'),
      v('fire_separation', '防火分隔', 'fire compartmentation', '防火分隔不到位'),
      v('fire_equipment', '消防设施', 'fire equipment', '消防设施损坏', '消防设施设备'),
      v('ebike', '电动自行车违规停放充电', 'e-bike parking/charging', '电动车', '电动自行车'),
      v('hazmat_storage', '违规存放易燃易爆危险品', 'hazardous goods storage', '易燃易爆危险品'),
      v('management', '消防安全管理', 'management', '管理责任不落实', '消防安全管理责任落实'),
      v('initial_response', '初期火灾处置', 'initial fire response', '无微型消防站'),
      v('people_living_on_site', '违规住人', 'people living on site', '住人'),
      v('factory_residence_mix', '厂居混杂', 'factory–residence mixing'),
      v('separation_distance', '防火间距不足', 'insufficient separation', '安全间距不足'),
      v('fire_lane_blocked', '占堵消防车道', 'fire lane blocked', '消防车通道堵塞'),
      v('illegal_structure', '违章搭建', 'illegal structure', '两违'),
      v('unlicensed', '无证无照', 'unlicensed'),
      v('gas', '燃气安全', 'gas safety', '违规用气'),
      v('other', '其他', 'other'),
    ],
  },
  enforcement_action: {
    zh: '执法措施', en: 'enforcement action', fallback: 'other',
    values: [
      v('rectify_order', '责令限期整改', 'order to rectify by deadline', '限期整改', '责令整改'),
      v('suspend', '停产停业', 'suspension', '停业整改', '停产整改'),
      v('ban_close', '取缔关闭', 'ban and close', '关闭取缔', '关停'),
      v('seal', '查封', 'seal-up', '临时查封'),
      v('fine', '罚款', 'fine'),
      v('detention', '拘留', 'detention', '行政拘留', '刑事拘留'),
      v('referral', '移送司法', 'referral for prosecution', '行刑衔接'),
      v('power_cut', '断电', 'power cut', '停电约束'),
      v('exposure', '公开曝光', 'public exposure', '曝光'),
      v('credit_punishment', '失信惩戒', 'credit punishment', '联合惩戒'),
      v('other', '其他行政处罚', 'other penalty', '其他'),
    ],
  },
  supervision_level: {
    zh: '挂牌督办级别', en: 'supervision level',
    values: [
      v('province', '省级', 'province', '省级挂牌', '省'),
      v('city', '市级', 'city', '市级挂牌', '市'),
      v('district', '区级', 'district/county', '区（县）级', '县级', '区级挂牌', '区', '县'),
      v('street', '街道级', 'street/township', '乡镇级', '街道', '乡镇', '镇级'),
      v('none', '未挂牌', 'none', '无'),
    ],
  },
  hazard_area_kind: {
    zh: '区域类型', en: 'hazard area kind', fallback: 'other',
    values: [
      v('urban_village', '城中村', 'urban village'),
      v('selfbuilt_cluster', '经营性自建房集中连片区', 'contiguous self-built houses', '自建房集中连片', '连片自建房'),
      v('industrial_cluster', '工业聚集区', 'industrial cluster', '工业园区', '小微企业聚集区', '产业聚集区'),
      v('old_compound', '老旧小区', 'old compound', '老旧住宅小区'),
      v('urban_rural_fringe', '城乡接合部', 'urban–rural fringe'),
      v('market_cluster', '专业市场聚集区', 'market cluster'),
      v('other', '其他', 'other'),
    ],
  },
  lane_status: {
    zh: '通道状态', en: 'lane status',
    values: [
      v('clear', '畅通', 'clear', '正常', '通畅'),
      v('partly_blocked', '部分占用', 'partly blocked', '占用', '部分堵塞'),
      v('blocked', '堵塞', 'blocked', '封闭', '完全堵塞', '占堵'),
    ],
  },
  obstacle_type: {
    zh: '障碍物类型', en: 'obstacle type', fallback: 'other',
    values: [
      v('illegal_structure', '违章搭建', 'illegal structure', '违章搭建构筑物'),
      v('stall', '摊位', 'stall', '占道经营'),
      v('iron_post', '铁桩', 'iron post', '铁柱', '地桩'),
      v('concrete_block', '水泥墩', 'concrete block', '石墩'),
      v('overhead_line', '架空管线', 'overhead line', '架空线'),
      v('billboard', '广告牌灯箱', 'billboard or light box', '广告牌', '灯箱', '户外广告'),
      v('parked_vehicle', '占道停放车辆', 'parked vehicle', '违停车辆', '违章停车', '停车'),
      v('locked_gate', '锁闭大门', 'locked gate', '大门锁闭', '栅栏'),
      v('other', '其他', 'other'),
    ],
  },
  obstacle_source: {
    zh: '发现途径', en: 'reported by', fallback: 'other',
    values: [
      v('patrol', '巡查', 'patrol', '网格巡查', '日常巡查'),
      v('report', '群众举报', 'public report', '举报', '投诉', '12345'),
      v('video', '视频监控', 'video monitoring', '监控', '生命通道监控'),
      v('inspection', '监督检查', 'inspection', '检查', '执法检查'),
      v('other', '其他', 'other'),
    ],
  },
  hydrant_type: {
    zh: '消火栓类型', en: 'hydrant type', fallback: 'unknown',
    values: [
      v('above_ground', '地上式', 'above ground', '地上'),
      v('below_ground', '地下式', 'below ground', '地下'),
      v('unknown', '未知', 'unknown'),
    ],
  },
  hydrant_status: {
    zh: '消火栓状态', en: 'hydrant status', fallback: 'unknown',
    values: [
      v('in_service', '正常', 'in service', '完好', '可用', '在用'),
      v('damaged', '损坏', 'damaged', '破损'),
      v('no_water', '无水', 'no water', '断水'),
      v('low_pressure', '水压不足', 'low pressure', '压力不足', '低压'),
      v('obstructed', '被遮挡', 'obstructed', '圧占', '压占', '遮挡', '被占用'),
      v('unknown', '未知', 'unknown'),
    ],
  },
  sensor_kind: {
    zh: '设备类型', en: 'sensor kind', fallback: 'other',
    values: [
      v('smoke', '烟感', 'smoke detector', '独立式感烟火灾探测报警器', '感烟探测器'),
      v('temperature', '温感', 'heat detector', '感温探测器'),
      v('electrical_fire', '电气火灾监控', 'electrical fire monitor', '电气火灾'),
      v('smart_electricity', '智慧用电', 'smart electricity'),
      v('water_pressure', '水压监测', 'water pressure', '水压'),
      v('gas', '可燃气体探测', 'gas detector', '燃气报警器', '可燃气体'),
      v('video', '视频监控', 'video', '摄像头'),
      v('ebike_charging', '电动车充电监测', 'e-bike charging', '充电桩监测'),
      v('other', '其他', 'other'),
    ],
  },
  alarm_level: {
    zh: '告警级别', en: 'alarm level',
    values: [
      v('warning', '预警', 'warning', '提示'),
      v('alarm', '告警', 'alarm', '报警', '故障报警'),
      v('fire', '火警', 'fire', '火灾报警'),
    ],
  },
  station_kind: {
    zh: '站点类型', en: 'station kind',
    values: [
      v('fire_station', '消防救援站', 'fire station', '消防站', '消防中队'),
      v('fulltime_brigade', '专职消防队', 'full-time brigade', '政府专职消防队', '乡镇专职消防队'),
      v('micro_station', '微型消防站', 'micro fire station', '微站'),
      v('volunteer_team', '志愿消防队', 'volunteer team', '志愿者消防队'),
    ],
  },
  building_use: {
    zh: '建筑用途', en: 'building use', fallback: 'other',
    values: [
      v('residential', '住宅', 'residential', '居住'),
      v('selfbuilt_house', '自建房', 'self-built house', '农民自建房'),
      v('factory', '厂房', 'factory', '工业'),
      v('warehouse', '仓库', 'warehouse', '仓储'),
      v('commercial', '商业', 'commercial', '商铺', '商场'),
      v('office', '办公', 'office'),
      v('school', '学校', 'school', '教育'),
      v('hospital', '医院', 'hospital', '医疗'),
      v('elderly_care', '养老', 'elderly care', '养老院'),
      v('public', '公共建筑', 'public building'),
      v('mixed', '混合用途', 'mixed use', '商住', '住宿与生产混合'),
      v('other', '其他', 'other'),
    ],
  },
  road_class: {
    zh: '道路等级', en: 'road class', fallback: 'other',
    values: [
      v('arterial', '主干路', 'arterial', 'primary', 'trunk', '主干道'),
      v('collector', '次干路', 'collector', 'secondary', 'tertiary', '次干道'),
      v('local', '支路', 'local', 'residential', 'unclassified', 'living_street'),
      v('alley', '巷道', 'alley', '小巷', 'footway', 'path'),
      v('service', '内部道路', 'service road', 'service', '小区道路', '厂区道路'),
      v('other', '其他', 'other'),
    ],
  },
  crs: {
    zh: '坐标系', en: 'coordinate system',
    values: [
      v('WGS84', 'WGS-84', 'WGS-84', 'EPSG:4326', 'WGS 84', 'GPS'),
      v('CGCS2000', 'CGCS2000（国家2000）', 'CGCS2000', 'EPSG:4490', '国家2000', 'China Geodetic Coordinate System 2000'),
      v('GCJ02', 'GCJ-02（火星坐标）', 'GCJ-02', 'GCJ-02', '火星坐标', 'amap', 'tencent', '高德'),
      v('BD09', 'BD-09（百度坐标）', 'BD-09', 'BD-09', '百度坐标', 'baidu', 'BD09LL'),
    ],
  },
} as const satisfies Record<string, EnumDef>;

export type EnumName = keyof typeof ENUMS;
/** The union of identifiers of one enumeration, e.g. `EnumOf<'severity'>` = 'general' | 'larger' | 'major'. */
export type EnumOf<N extends EnumName> = (typeof ENUMS)[N]['values'][number]['value'];

/** Chinese or English label of an enum value, or the value itself when unknown. */
export function enumLabel(name: EnumName, value: string, lang: 'zh' | 'en' = 'zh'): string {
  const found = (ENUMS[name].values as readonly EnumValue[]).find((e) => e.value === value);
  return found ? found[lang] : value;
}
