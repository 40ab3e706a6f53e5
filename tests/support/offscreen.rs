//! Rendering egui without a window, on the GPU (tests only: exports go through SVG): egui's own wgpu renderer into a texture, read back to
//! memory. Works on machines without a GPU or display through Mesa's software Vulkan (lavapipe).

use std::sync::{Arc, mpsc};
use std::time::Duration;

use egui_wgpu::{
    RenderState, RendererOptions, ScreenDescriptor, WgpuConfiguration, WgpuSetup,
    WgpuSetupCreateNew, wgpu,
};

use troopline::export::Rgba;

/// Why offscreen rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No wgpu adapter: no GPU driver and no software renderer installed.
    #[error(
        "no graphics adapter found ({0}); install a software renderer, e.g. `apt-get install mesa-vulkan-drivers` on Debian/Ubuntu"
    )]
    NoAdapter(String),
    /// The image would exceed what a texture can hold.
    #[error("the image {0}×{1} px is too large to render (at most {2} px per side)")]
    TooLarge(u32, u32, u32),
    /// The GPU work did not finish.
    #[error("rendering failed: {0}")]
    Gpu(String),
}

/// How long to wait for the GPU (or CPU rasteriser) to finish a frame.
const GPU_TIMEOUT: Duration = Duration::from_secs(60);

/// A wgpu device ready to render egui frames offscreen.
pub struct OffscreenRenderer {
    state: RenderState,
}

impl OffscreenRenderer {
    /// Picks an adapter, preferring software rasterisers: their output is the same on every
    /// machine, which keeps exported images reproducible.
    pub fn new() -> Result<Self, RenderError> {
        let mut setup = WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = wgpu::Backends::VULKAN
            | wgpu::Backends::GL
            | wgpu::Backends::METAL
            | wgpu::Backends::DX12;
        setup.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
            let mut adapters: Vec<&wgpu::Adapter> = adapters.iter().collect();
            adapters.sort_by_key(|adapter| {
                let info = adapter.get_info();
                let device_rank = match info.device_type {
                    wgpu::DeviceType::Cpu => 0,
                    wgpu::DeviceType::DiscreteGpu => 1,
                    _ => 2,
                };
                let backend_rank = match info.backend {
                    wgpu::Backend::Vulkan | wgpu::Backend::Metal | wgpu::Backend::Dx12 => 0,
                    _ => 1,
                };
                (device_rank, backend_rank)
            });
            adapters
                .first()
                .map(|a| (*a).clone())
                .ok_or_else(|| "no adapter available".to_owned())
        }));
        let setup = WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let config = WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(RenderState::create(
            &config,
            &instance,
            None,
            RendererOptions::PREDICTABLE,
        ))
        .map_err(|error| RenderError::NoAdapter(error.to_string()))?;
        Ok(Self { state })
    }

    /// Runs `draw` as egui frames of `size` points at `pixels_per_point` and returns the last
    /// frame as pixels. Several passes let text and layout settle, as in a window.
    pub fn render(
        &self,
        size: egui::Vec2,
        pixels_per_point: f32,
        ctx: &egui::Context,
        mut draw: impl FnMut(&mut egui::Ui),
    ) -> Result<Rgba, RenderError> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded sizes
        let pixels = [
            (size.x * pixels_per_point).round() as u32,
            (size.y * pixels_per_point).round() as u32,
        ];
        let limit = self.state.device.limits().max_texture_dimension_2d;
        if pixels[0] == 0 || pixels[1] == 0 || pixels[0] > limit || pixels[1] > limit {
            return Err(RenderError::TooLarge(pixels[0], pixels[1], limit));
        }
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            viewports: std::iter::once((
                egui::ViewportId::ROOT,
                egui::ViewportInfo {
                    native_pixels_per_point: Some(pixels_per_point),
                    ..Default::default()
                },
            ))
            .collect(),
            ..Default::default()
        };
        let mut renderer = self.state.renderer.write();
        let mut output = egui::FullOutput::default();
        let mut to_free = Vec::new();
        for _ in 0..3 {
            output = ctx.run_ui(input(), &mut draw);
            // Order across textures does not matter; within one texture the deltas stay in order.
            for (id, deltas) in output.textures_delta.set.drain() {
                for delta in &deltas {
                    renderer.update_texture(&self.state.device, &self.state.queue, id, delta);
                }
            }
            to_free.extend(output.textures_delta.free.drain());
        }
        let screen = ScreenDescriptor {
            size_in_pixels: pixels,
            pixels_per_point,
        };
        let primitives = ctx.tessellate(output.shapes, pixels_per_point);
        let device = &self.state.device;
        let queue = &self.state.queue;
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("troopline export"),
        });
        let extra = renderer.update_buffers(device, queue, &mut encoder, &primitives, &screen);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("troopline export target"),
            size: wgpu::Extent3d {
                width: pixels[0],
                height: pixels[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("troopline export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &primitives, &screen);
        }
        queue.submit(extra.into_iter().chain(std::iter::once(encoder.finish())));
        let image = read_back(device, queue, &texture, self.state.target_format)?;
        for id in &to_free {
            renderer.free_texture(id);
        }
        Ok(image)
    }
}

/// Copies a texture into memory as straight RGBA rows.
fn read_back(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
    format: wgpu::TextureFormat,
) -> Result<Rgba, RenderError> {
    let (width, height) = (texture.width(), texture.height());
    let row = width as usize * 4;
    // wgpu requires buffer rows aligned to 256 bytes.
    let padded_row = row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize)
        * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("troopline export readback"),
        size: (padded_row * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
        label: Some("troopline readback"),
    });
    #[allow(clippy::cast_possible_truncation)] // padded_row is at most a few MB
    let bytes_per_row = padded_row as u32;
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(bytes_per_row),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    let submission = queue.submit(std::iter::once(encoder.finish()));
    let slice = buffer.slice(..);
    let (sender, receiver) = mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = sender.send(result);
    });
    device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: Some(GPU_TIMEOUT),
        })
        .map_err(|error| RenderError::Gpu(error.to_string()))?;
    receiver
        .recv_timeout(GPU_TIMEOUT)
        .map_err(|error| RenderError::Gpu(error.to_string()))?
        .map_err(|error| RenderError::Gpu(error.to_string()))?;
    let mapped = slice
        .get_mapped_range()
        .map_err(|error| RenderError::Gpu(error.to_string()))?;
    let mut pixels = Vec::with_capacity(row * height as usize);
    for chunk in mapped.chunks_exact(padded_row) {
        pixels.extend_from_slice(&chunk[..row]);
    }
    drop(mapped);
    buffer.unmap();
    if matches!(
        format,
        wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
    ) {
        for pixel in pixels.chunks_exact_mut(4) {
            pixel.swap(0, 2);
        }
    }
    Ok(Rgba {
        width,
        height,
        pixels,
    })
}
