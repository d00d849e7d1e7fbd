# Adapted copy of a DMXAPI documentation sample, run by the benchmark; README.md in this folder lists every change.
"""
DMXAPI Gemini 3.1 Flash Image 图像生成示例
使用 Google Gemini API 生成图像,并保存到本地 output 文件夹
"""

from google import genai
from google.genai import types
import os
from datetime import datetime

# ============================================================================
# 配置部分
# ============================================================================

# DMXAPI 密钥和基础 URL
api_key = os.environ["DMXAPI_API_KEY"]  # bench: was a placeholder key
BASE_URL = os.environ["DMXAPI_BASE_URL"]  # bench: was https://www.dmxapi.cn

# 创建 Gemini 客户端
client = genai.Client(api_key=api_key, http_options={'base_url': BASE_URL})

# ============================================================================
# 图像生成提示词
# ============================================================================

# 定义图像生成的提示词
prompt = (
    "Visualize the current weather forecast for the next 5 days in ShangHi as a clean, modern weather chart. Add a visual on what I should wear each day"
)

# ============================================================================
# 调用 DMXAPI 生成图像
# ============================================================================

response = client.models.generate_content(
    # 模型名称
    model="gemini-3.1-flash-image-preview",

    # 输入内容
    contents=[prompt],

    # 生成配置
    config=types.GenerateContentConfig(
        # response_modalities: 设置响应模态
        # - ['Image']: 仅返回图片,不返回文本
        # - ['Text', 'Image']: 同时返回文本和图片(默认值)
        response_modalities=['Image'],

        # image_config: 图像配置选项
        image_config=types.ImageConfig(
            # aspect_ratio: 设置输出图片的宽高比(注意:使用驼峰命名)
            #
            # ┌─────────────────────────────────────────────────────────────────────────────┐
            # │ Gemini 3.1 Flash Image 预览版                                                │
            # ├──────────┬─────────────┬─────────────┬────────┬─────────────┬────────────┐│
            # │ 宽高比    │ 0.5K 分辨率  │ 1K 分辨率   │ 1K令牌  │ 2K 分辨率   │ 4K 分辨率  ││
            # ├──────────┼─────────────┼─────────────┼────────┼─────────────┼────────────┤│
            # │ 1:1      │ 512x512     │ 1024x1024   │ 1120   │ 2048x2048   │ 4096x4096  ││
            # │ 1:4      │ 256x1024    │ 512x2048    │ 1120   │ 1024x4096   │ 2048x8192  ││
            # │ 1:8      │ 192x1536    │ 384x3072    │ 1120   │ 768x6144    │ 1536x12288 ││
            # │ 2:3      │ 424x632     │ 848x1264    │ 1120   │ 1696x2528   │ 3392x5056  ││
            # │ 3:2      │ 632x424     │ 1264x848    │ 1120   │ 2528x1696   │ 5056x3392  ││
            # │ 3:4      │ 448x600     │ 896x1200    │ 1120   │ 1792x2400   │ 3584x4800  ││
            # │ 4:1      │ 1024x256    │ 2048x512    │ 1120   │ 4096x1024   │ 8192x2048  ││
            # │ 4:3      │ 600x448     │ 1200x896    │ 1120   │ 2400x1792   │ 4800x3584  ││
            # │ 4:5      │ 464x576     │ 928x1152    │ 1120   │ 1856x2304   │ 3712x4608  ││
            # │ 5:4      │ 576x464     │ 1152x928    │ 1120   │ 2304x1856   │ 4608x3712  ││
            # │ 8:1      │ 1536x192    │ 3072x384    │ 1120   │ 6144x768    │ 12288x1536 ││
            # │ 9:16     │ 384x688     │ 768x1376    │ 1120   │ 1536x2752   │ 3072x5504  ││
            # │ 16:9     │ 688x384     │ 1376x768    │ 1120   │ 2752x1536   │ 5504x3072  ││
            # │ 21:9     │ 792x336     │ 1584x672    │ 1120   │ 3168x1344   │ 6336x2688  ││
            # └──────────┴─────────────┴─────────────┴────────┴─────────────┴────────────┘│
            # │ 注: 0.5K令牌为747, 1K/2K令牌为1120, 4K令牌为2000                           │
            # └─────────────────────────────────────────────────────────────────────────────┘
            #
            aspect_ratio="1:1",

            # image_size: 设置输出图片的分辨率
            # - "512px": 0.5K 分辨率(该模型独有)
            # - "1K": 1K 分辨率(默认值)
            # - "2K": 2K 分辨率
            # - "4K": 4K 分辨率
            image_size=os.environ.get("BENCH_IMAGE_SIZE", "0.5K"),  # bench: set per case
        ),

        # tools: Google 搜索工具(可选)
        # - 使用实时信息生成图像(如天气预报、股市图表、近期活动等)
        # - 可与 response_modalities=['Image'] 或 ['Text', 'Image'] 搭配使用
        # 示例: tools=[{"google_search": {}}]
        #
        # Gemini 3.1 Flash Image 支持 Image Search(图片搜索):
        # tools=[types.Tool(google_search=types.GoogleSearch(
        #     search_types=types.SearchTypes(
        #         web_search=types.WebSearch(),
        #         image_search=types.ImageSearch()
        #     )
        # ))]
    )
)

# ============================================================================
# 处理响应并保存图像
# ============================================================================

for part in response.parts:
    # 处理文本响应(如果有)
    if part.text is not None:
        print(part.text)

    # 处理图像响应
    elif part.inline_data is not None:
        # 确保 output 文件夹存在
        os.makedirs("output", exist_ok=True)

        # 生成带时间戳的文件名
        # 格式: generated_image_20250121_143052.png (年月日_时分秒)
        timestamp = datetime.now().strftime("%Y%m%d_%H%M%S")
        filename = f"output/generated_image_{timestamp}.png"

        # 将响应数据转换为 PIL Image 对象
        image = part.as_image()

        # 保存图像到文件
        image.save(filename)

        # 输出保存成功的提示信息
        print(f"图片已保存到 {filename}")
